package org.adrdstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.demo.FeedSettings;
import org.adrdstream.demo.SyntheticHospitalFeed;
import org.adrdstream.embedded.DemoConnectors;
import org.adrdstream.embedded.EmbeddedPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code adrd demo}: the whole platform, embedded, on one data directory, fed by a synthetic hospital. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the platform embedded in this process: a KRaft Kafka broker, the schema registry, "
                + "the platform topics, the streams application (history assembly and scoring), a Connect worker "
                + "with the FHIR and HL7 (MLLP) connectors, the dashboard, and a synthetic hospital that streams a "
                + "generated cohort through those connectors. Run it again on the same directory to resume: "
                + "histories and scores survive and the feed continues with the next patient."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    BrokerAddressOptions address;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "adrd-data",
            description = "Directory for all state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--dashboard-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Dashboard and /metrics port (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--mllp-port", paramLabel = "PORT", defaultValue = "2575",
            description = "Port of the HL7 connector's MLLP listener (default: ${DEFAULT-VALUE}).")
    int mllpPort;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Prefix for every platform topic name.")
    String topicPrefix;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "Partitions of the per-patient topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "1000",
            description = "Patients the synthetic hospital sends (default: ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--rate", paramLabel = "RECORDS_PER_S", defaultValue = "300",
            description = "Source records per second the synthetic hospital sends: FHIR resources and HL7 messages "
                    + "together (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generated cohort (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--secure", description = "Secure the platform: Kafka SASL_SSL (SCRAM) only, the registry over https "
            + "with basic auth; secrets are made in DATA/security and tools take DATA/security/client.properties as "
            + "--client-config. A data directory keeps the choice it was created with.")
    boolean secure;

    @Option(names = "--no-feed", description = "Run without the synthetic hospital: send your own FHIR files or HL7 messages.")
    boolean noFeed;

    @Option(names = "--pseudonym-key", paramLabel = "KEY",
            description = "Pseudonymisation secret of the connectors (env ADRD_PSEUDONYM_KEY); without it the public "
                    + "demo key, fine for synthetic data only.")
    String pseudonymKey;

    @Option(names = "--status-interval-s", paramLabel = "S", defaultValue = "5",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    int statusIntervalSeconds;

    @Mixin
    StreamsOptions streams;

    @Override
    public Integer call() {
        Instant startedAt = Instant.now();
        address.check(spec);
        Ports.check(spec, "--registry-port", registryPort);
        Ports.check(spec, "--dashboard-port", dashboardPort);
        Ports.check(spec, "--mllp-port", mllpPort);
        if (!(rate > 0) || patients < 0 || statusIntervalSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--rate must be above 0, --patients 0 or more and "
                    + "--status-interval-s at least 1 (were " + rate + ", " + patients + ", " + statusIntervalSeconds + ")");
        }
        if (streams.scoring.registry == null) {
            streams.scoring.registry = dataDir.resolve("models"); // the demo keeps everything in its data directory
        }
        String key = pseudonymKey != null ? pseudonymKey : GenerateCommand.DEMO_PSEUDONYM_KEY;
        DemoConnectors.Settings connectors = new DemoConnectors.Settings(dataDir.resolve("feed").resolve("fhir"),
                mllpPort, key, CohortSettings.DEFAULT_FEED).withFreePortFor0();
        EmbeddedPlatform platform = EmbeddedPlatform.builder().dataDir(dataDir).host(address.host)
                .kafkaPort(address.kafkaPort).controllerPort(address.controllerPort).registryPort(registryPort)
                .topicPrefix(topicPrefix).partitions(partitions).streams(streams::toConfig)
                .connectors(connectors).dashboardPort(dashboardPort).startedAt(startedAt).secure(secure)
                .feed(noFeed ? null : new FeedSettings(patients, seed, rate, dataDir.resolve("feed"), address.host,
                        connectors.mllpPort(), key))
                .build().start();
        PrintWriter out = spec.commandLine().getOut();
        if (pseudonymKey == null) {
            out.println("note: no --pseudonym-key or ADRD_PSEUDONYM_KEY given; the connectors use the public demo key "
                    + "(fine for synthetic data only)");
        }
        out.print(platform.describe());
        out.println("Open the dashboard: " + platform.dashboardLink());
        out.println("READY");
        out.flush();
        return RunUntilStopped.run(new StatusLines(platform, out, statusIntervalSeconds), "adrd demo", out);
    }

    /** Prints the platform's one-line status every few seconds until the platform is closed. */
    private static final class StatusLines implements AutoCloseable {
        private final EmbeddedPlatform platform;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "adrd-demo-status");
            thread.setDaemon(true);
            return thread;
        });

        StatusLines(EmbeddedPlatform platform, PrintWriter out, int intervalSeconds) {
            this.platform = platform;
            timer.scheduleAtFixedRate(() -> {
                out.println("status: " + line());
                out.flush();
            }, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }

        private String line() {
            SyntheticHospitalFeed feed = platform.feed();
            String fed = feed == null ? "" : String.format(" | feed %d/%d patients, %d records, %d HL7 refused",
                    feed.patientsFed(), feed.patients(), feed.recordsSent(), feed.hl7Refused());
            return platform.dashboard().snapshot().statusLine() + fed;
        }

        @Override
        public void close() {
            timer.shutdownNow();
            platform.close();
        }
    }
}
