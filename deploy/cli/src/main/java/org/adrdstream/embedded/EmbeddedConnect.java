package org.adrdstream.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.adrdstream.clientconfig.ClientSecurity;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.distributed.NotLeaderException;
import org.apache.kafka.connect.runtime.distributed.RebalanceNeededException;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.FutureCallback;
import org.eclipse.jetty.util.thread.ShutdownThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in this JVM with the project's connectors, found through {@code ServiceLoader}
 * ({@code plugin.discovery=service_load}: starts in about 2 s instead of a classpath scan's 8). Keys are
 * written with {@code StringConverter} and values with {@code ByteArrayConverter}: the connectors hand over
 * values already in the registry's Avro wire format. The {@code env} config provider lets connector configs
 * read secrets as {@code ${env:ADRD_PSEUDONYM_KEY}}.
 *
 * <p>Two kinds: {@link #start standalone}, offsets in a file (a restarted worker resumes where the last one
 * committed; at least once), and {@link #startDistributed distributed}, configs, offsets and status in topics,
 * any number of workers of one group sharing the tasks, with exactly-once source support (KIP-618): a source
 * task's records and its offsets commit in one Kafka transaction.
 */
public final class EmbeddedConnect implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnect.class);

    private final Connect<? extends Herder> connect;

    private EmbeddedConnect(Connect<? extends Herder> connect) {
        this.connect = connect;
        removeJettyShutdownHook();
    }

    /**
     * Connect's REST server asks Jetty to stop it at JVM exit, from Jetty's own shutdown hook, which then
     * stops the server at the same time as this worker's owner closes it (and Connect's own hook stops it):
     * seen as "Unable to destroy ... STARTED" from Jetty's hook and a demo still running a minute after
     * SIGTERM. Every owner closes its worker (a shutdown hook of its own, or try-with-resources), so Jetty's
     * hook goes; {@link Connect#stop()} stops the server once, whoever calls it first.
     */
    private static void removeJettyShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(ShutdownThread.getInstance());
        } catch (IllegalStateException e) {
            LOG.debug("the JVM is already shutting down; Jetty's shutdown hook stays", e);
        }
    }

    /**
     * @param bootstrapServers the Kafka cluster
     * @param clientSettings   client settings; their Kafka security entries ({@code security.protocol},
     *                         {@code sasl.*}, {@code ssl.*}) go to the worker and to its connectors' producers,
     *                         consumers and admin clients
     * @param offsetsFile      where source offsets are kept (created if missing)
     * @param restPort         the worker's REST port; 0 picks a free one
     * @param overrides        further worker properties, applied last
     */
    public static EmbeddedConnect start(String bootstrapServers, Map<String, ?> clientSettings, Path offsetsFile,
                                        int restPort, Map<String, String> overrides) {
        try {
            Files.createDirectories(offsetsFile.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the directory of " + offsetsFile, e);
        }
        Map<String, String> worker = workerProperties(bootstrapServers, clientSettings, restPort);
        worker.put("offset.storage.file.filename", offsetsFile.toAbsolutePath().toString());
        worker.putAll(overrides);
        return new EmbeddedConnect(new ConnectStandalone().startConnect(worker));
    }

    /**
     * A distributed worker of group {@code groupId}: its configs, offsets and status live in the topics
     * {@code connect-GROUP-configs}, {@code -offsets} and {@code -status} (created with the broker's default
     * replication), and {@code exactly.once.source.support=enabled}. Parameters as for {@link #start}.
     */
    public static EmbeddedConnect startDistributed(String bootstrapServers, Map<String, ?> clientSettings,
                                                   String groupId, int restPort, Map<String, String> overrides) {
        Map<String, String> worker = workerProperties(bootstrapServers, clientSettings, restPort);
        worker.put("group.id", groupId);
        for (String store : List.of("config", "offset", "status")) {
            worker.put(store + ".storage.topic", "connect-" + groupId + "-" + store + (store.equals("status") ? "" : "s"));
            worker.put(store + ".storage.replication.factor", "-1");
        }
        worker.put("exactly.once.source.support", "enabled");
        worker.putAll(overrides);
        return new EmbeddedConnect(new ConnectDistributed().startConnect(worker));
    }

    private static Map<String, String> workerProperties(String bootstrapServers, Map<String, ?> clientSettings,
                                                        int restPort) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("plugin.discovery", "service_load");
        worker.put("listeners", "http://127.0.0.1:" + restPort);
        worker.put("config.providers", "env");
        worker.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        ClientSecurity.kafka(clientSettings).forEach((key, value) -> {
            for (String clientPrefix : List.of("", "producer.", "consumer.", "admin.")) {
                worker.put(clientPrefix + key, value);
            }
        });
        return worker;
    }

    /**
     * Creates or replaces a connector and waits until the worker accepted it. A distributed worker that is not
     * its group's leader sends the config to the leader's REST API, as Connect's own REST layer would; while
     * the group is rebalancing (no leader known, or the leader busy) it tries again until {@code timeout}.
     */
    public void putConnector(String name, Map<String, String> config, Duration timeout) {
        Map<String, String> withName = new HashMap<>(config);
        withName.put("name", name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            try {
                putOnce(name, withName, left);
                return;
            } catch (IllegalStateException e) {
                if (!duringRebalance(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("connector {} waits for the group to settle: {}", name, e.getMessage());
                pause();
            }
        }
    }

    private void putOnce(String name, Map<String, String> config, Duration timeout) {
        FutureCallback<Object> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, config, true, (error, result) -> created.onCompletion(error, result));
        try {
            await(created, timeout, "create connector " + name);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof NotLeaderException notLeader) || notLeader.forwardUrl() == null) {
                throw e;
            }
            LOG.info("connector {} goes to the group's leader at {}", name, notLeader.forwardUrl());
            LeaderRest.putConnectorConfig(notLeader.forwardUrl(), name, config, timeout);
        }
    }

    private static boolean duringRebalance(IllegalStateException e) {
        return e.getCause() instanceof RebalanceNeededException || e instanceof LeaderRest.LeaderBusy
                || e.getCause() instanceof NotLeaderException notLeader && notLeader.forwardUrl() == null;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a connector", e);
        }
    }

    public void deleteConnector(String name, Duration timeout) {
        FutureCallback<Object> deleted = new FutureCallback<>();
        connect.herder().deleteConnectorConfig(name, (error, result) -> deleted.onCompletion(error, result));
        await(deleted, timeout, "delete connector " + name);
    }

    /** The connector's and its tasks' states, as {@code GET /connectors/NAME/status} shows them. */
    public ConnectorStateInfo status(String name) {
        return connect.herder().connectorStatus(name);
    }

    /** The worker's REST endpoint. */
    public String restUrl() {
        return connect.rest().advertisedUrl().toString();
    }

    private static <T> T await(FutureCallback<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
