package org.adrdstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.connect.omop.OmopSourceConnector;
import org.adrdstream.clientconfig.ClientSecurity;
import org.adrdstream.embedded.EmbeddedConnect;
import org.adrdstream.topics.PlatformTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adrd replay}: pushes a directory of FHIR or OMOP files through the matching connector (on a Connect
 * worker in this process, until every file is read), or sends MLLP-framed HL7 files to a listener.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays a directory into clinical.events.v1 through the right connector: fhir and omop run "
                + "the connector on an in-process Connect worker until every file is read; hl7 sends the MLLP-framed "
                + "messages of *.mllp / *.hl7 files to a running MLLP listener (--mllp) and counts the acknowledgements."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "fhir, omop or hl7.")
    String format;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to replay.")
    Path directory;

    @Option(names = "--feed", paramLabel = "NAME", defaultValue = "synthetic-hospital",
            description = "Feed name: the source system of the event ids (default: ${DEFAULT-VALUE}).")
    String feed;

    @Option(names = "--pseudonym-key", paramLabel = "KEY",
            description = "Pseudonymisation secret (env ADRD_PSEUDONYM_KEY); without it the public demo key of "
                    + "'adrd generate', so generated files get the generator's pseudonyms.")
    String pseudonymKey;

    @Option(names = "--mllp", paramLabel = "HOST:PORT", description = "MLLP listener to send hl7 files to.")
    String mllp;

    @Option(names = "--offsets-file", paramLabel = "FILE",
            description = "Keep source offsets here to resume an interrupted replay (default: a fresh temporary file).")
    Path offsetsFile;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "3600",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(directory)) {
            throw new ParameterException(spec.commandLine(), directory.toAbsolutePath() + " is not a directory");
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "fhir" -> throughConnector(FhirSourceConnector.class.getName(), "fhir.directory", ReplayFiles.fhir(directory));
            case "omop" -> throughConnector(OmopSourceConnector.class.getName(), "omop.directory", ReplayFiles.omop(directory));
            case "hl7" -> overMllp();
            default -> throw new ParameterException(spec.commandLine(), "unknown --format '" + format
                    + "': choose fhir, omop or hl7");
        };
    }

    private int throughConnector(String connectorClass, String directoryKey, ReplayFiles files) throws Exception {
        Path offsets = offsetsFile != null ? offsetsFile : Files.createTempFile("adrd-replay-", ".offsets");
        PlatformTopics topics = PlatformTopics.of(cluster.topicPrefix, PlatformTopics.DEFAULT_PARTITIONS);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", connectorClass);
        config.put("tasks.max", "1");
        config.put(directoryKey, directory.toAbsolutePath().toString());
        config.put("feed.name", feed);
        config.put("schema.registry.url", cluster.registryUrl);
        config.put("pseudonym.key", key());
        config.put("events.topic", topics.clinicalEvents().name());
        config.put("dead.letter.topic", topics.deadLetters().name());
        Map<String, String> clientSettings = cluster.client.settings();
        config.putAll(ClientSecurity.registry(clientSettings));
        try (EmbeddedConnect connect = EmbeddedConnect.start(cluster.bootstrapServers, clientSettings, offsets, 0, Map.of());
             ProgressBar bar = progressBar(files.totalUnits())) {
            connect.putConnector("replay", config, Duration.ofSeconds(60));
            ReplayProgress progress = new ReplayProgress(connect, "replay", offsets, files);
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (!progress.finished()) {
                if (System.nanoTime() > deadline) {
                    spec.commandLine().getErr().println("adrd replay: not finished within " + timeoutSeconds + " s");
                    return 1;
                }
                bar.stepTo(progress.unitsDone());
                Thread.sleep(500);
            }
            bar.stepTo(files.totalUnits());
        } finally {
            if (offsetsFile == null) {
                Files.deleteIfExists(offsets);
            }
        }
        spec.commandLine().getOut().printf("%d files from %s replayed into %s (dead letters, if any, in %s)%n",
                files.count(), directory.toAbsolutePath(), topics.clinicalEvents().name(), topics.deadLetters().name());
        return 0;
    }

    private int overMllp() throws IOException {
        if (mllp == null || !mllp.contains(":")) {
            throw new ParameterException(spec.commandLine(), "--format hl7 sends to an MLLP listener: give --mllp HOST:PORT "
                    + "(e.g. the port of an 'adrd connect' MLLP connector)");
        }
        List<String> messages = ReplayFiles.mllpMessages(directory);
        Map<String, Integer> codes = new LinkedHashMap<>();
        String host = mllp.substring(0, mllp.lastIndexOf(':'));
        int port = Integer.parseInt(mllp.substring(mllp.lastIndexOf(':') + 1));
        try (MllpClient client = new MllpClient(host, port, Duration.ofSeconds(120));
             ProgressBar bar = progressBar(messages.size())) {
            for (String message : messages) {
                codes.merge(MllpClient.acknowledgementCode(client.send(message)), 1, Integer::sum);
                bar.step();
            }
        }
        spec.commandLine().getOut().printf("%d messages sent to %s; acknowledgements %s%n", messages.size(), mllp, codes);
        return codes.keySet().stream().allMatch("AA"::equals) ? 0 : 1;
    }

    private String key() {
        if (pseudonymKey != null) {
            return pseudonymKey;
        }
        spec.commandLine().getErr().println("note: no --pseudonym-key or ADRD_PSEUDONYM_KEY given; using the public "
                + "demo key (fine for synthetic data only)");
        return GenerateCommand.DEMO_PSEUDONYM_KEY;
    }

    private static ProgressBar progressBar(long total) {
        return new ProgressBarBuilder().setTaskName("replay").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** Lists files in walk order; used for counts only. */
    static List<Path> filesUnder(Path directory, String... suffixes) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        }
    }
}
