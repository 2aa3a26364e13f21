package org.adrdstream.embedded.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

/**
 * The resolved settings of one embedded broker, and the broker properties they expand to.
 *
 * <p>The embedded defaults keep a single node small and quick: replication factor 1 for internal topics,
 * few partitions for the offsets and transaction logs, no initial rebalance delay, and a 2 MiB log-cleaner
 * dedupe buffer instead of the default 128 MiB so compacted topics fit a small heap.
 */
record BrokerSettings(Path dataDir, boolean temporary, String host, int brokerPort, int controllerPort,
                      String clusterId, Duration startTimeout, BrokerSecurity security,
                      Map<String, String> overrides) {

    private static final String CLUSTER_ID = "cluster.id";
    private static final String BROKER_PORT = "broker.port";
    private static final String CONTROLLER_PORT = "controller.port";
    private static final String SECURED = "security.sasl_ssl";

    static BrokerSettings resolve(Path dataDir, boolean temporary, String host, int brokerPort, int controllerPort,
                                  Duration startTimeout, BrokerSecurity security, Map<String, String> overrides) {
        Properties earlier = readState(dataDir);
        checkSameSecurity(dataDir, earlier, security);
        String clusterId = earlier.getProperty(CLUSTER_ID, Uuid.randomUuid().toString());
        int broker = choosePort(brokerPort, earlier.getProperty(BROKER_PORT), host);
        int controller = choosePort(controllerPort, earlier.getProperty(CONTROLLER_PORT), host);
        while (controller == broker) {
            controller = freePort(host);
        }
        BrokerSettings settings = new BrokerSettings(dataDir, temporary, host, broker, controller, clusterId,
                startTimeout, security, Map.copyOf(overrides));
        settings.writeState();
        return settings;
    }

    Properties brokerProperties(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        if (security != null) {
            p.putAll(security.brokerProperties(host, brokerPort, controllerPort));
        }
        p.putAll(overrides);
        return p;
    }

    /** The security protocol of the client listener. */
    String listenerProtocol() {
        return security == null ? "PLAINTEXT" : BrokerSecurity.LISTENER;
    }

    /**
     * SCRAM users exist only if the storage was formatted with them, and a secured data directory started
     * without security would open a plaintext listener onto it: both directions are refused.
     */
    private static void checkSameSecurity(Path dataDir, Properties earlier, BrokerSecurity security) {
        if (earlier.isEmpty()) {
            return;
        }
        boolean wasSecured = Boolean.parseBoolean(earlier.getProperty(SECURED, "false"));
        if (wasSecured != (security != null)) {
            throw new IllegalStateException("the broker data directory " + dataDir + " was created "
                    + (wasSecured ? "with" : "without") + " SASL_SSL and cannot be started "
                    + (wasSecured ? "without" : "with") + " it: use a new data directory"
                    + (wasSecured ? " or start it secured again" : ""));
        }
    }

    private static int choosePort(int requested, String earlier, String host) {
        if (requested > 0) {
            return requested;
        }
        if (earlier != null) {
            return Integer.parseInt(earlier);
        }
        return freePort(host);
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    private static Properties readState(Path dataDir) {
        Properties state = new Properties();
        Path file = dataDir.resolve(EmbeddedKafkaBroker.STATE_FILE);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                state.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
        }
        return state;
    }

    private void writeState() {
        Properties state = new Properties();
        state.setProperty(CLUSTER_ID, clusterId);
        state.setProperty(BROKER_PORT, Integer.toString(brokerPort));
        state.setProperty(CONTROLLER_PORT, Integer.toString(controllerPort));
        state.setProperty(SECURED, Boolean.toString(security != null));
        Path file = dataDir.resolve(EmbeddedKafkaBroker.STATE_FILE);
        try (Writer out = Files.newBufferedWriter(file)) {
            state.store(out, "adrd-stream embedded broker: reused on restart");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
