package org.adrdstream.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.adrdstream.embedded.EmbeddedConnect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code adrd connect}: a Kafka Connect worker, in this process, with the hospital feed connectors. */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Runs a Kafka Connect worker in this process with the project's connectors "
                + "(FHIR R4 files, HL7 v2 over MLLP, OMOP CDM CSV) and starts the connectors described by the "
                + "given properties files (one per connector, as connect-standalone takes them; see docs/connectors.md).",
                "Standalone by default (offsets in a file, at least once); with --distributed GROUP a distributed "
                        + "worker with exactly-once source support, sharing the tasks with every worker of the group.",
                "Secrets can come from the environment: pseudonym.key=${env:ADRD_PSEUDONYM_KEY}."})
final class ConnectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]", description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--offsets-file", paramLabel = "FILE", defaultValue = "adrd-data/connect/offsets",
            description = "Where source offsets are kept; a restart resumes from it (default: ${DEFAULT-VALUE}).")
    Path offsetsFile;

    @Option(names = "--distributed", paramLabel = "GROUP",
            description = "Run a distributed worker of this group instead: configs, offsets and status in the "
                    + "topics connect-GROUP-configs, -offsets and -status; exactly.once.source.support=enabled, so "
                    + "the FHIR and OMOP connectors commit records and offsets in one transaction. The workers of a "
                    + "group must run on one host (the REST API listens on 127.0.0.1); across hosts use Connect's "
                    + "own distributed worker (docs/operations.md).")
    String distributedGroup;

    @Option(names = "--rest-port", paramLabel = "PORT", defaultValue = "8083",
            description = "Port of Connect's REST API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int restPort;

    @Option(names = "--worker-property", paramLabel = "KEY=VALUE",
            description = "A further worker setting (repeatable), e.g. offset.flush.interval.ms=10000.")
    Map<String, String> workerProperties = new HashMap<>();

    @Parameters(arity = "1..*", paramLabel = "CONNECTOR.properties",
            description = "Connector configurations: name, connector.class and the connector's settings.")
    List<Path> connectorFiles;

    @Mixin
    ClientConfigOption client;

    @Override
    public Integer call() {
        Ports.check(spec, "--rest-port", restPort);
        Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
        for (Path file : connectorFiles) {
            Map<String, String> config = read(file);
            String name = config.get("name");
            if (name == null || name.isBlank() || !config.containsKey("connector.class")) {
                throw new ParameterException(spec.commandLine(), file + " needs 'name' and 'connector.class' "
                        + "(see docs/connectors.md for examples)");
            }
            connectors.put(name, config);
        }
        EmbeddedConnect connect = startWorker();
        try {
            connectors.forEach((name, config) -> connect.putConnector(name, config, Duration.ofSeconds(60)));
        } catch (RuntimeException e) {
            connect.close();
            throw e;
        }
        var out = spec.commandLine().getOut();
        out.println("Kafka Connect REST API on " + connect.restUrl() + "; connectors: " + String.join(", ", connectors.keySet()));
        out.println("READY");
        return RunUntilStopped.run(connect, "adrd connect", out);
    }

    private EmbeddedConnect startWorker() {
        if (distributedGroup == null) {
            return EmbeddedConnect.start(bootstrapServers, client.settings(), offsetsFile, restPort, workerProperties);
        }
        if (distributedGroup.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--distributed needs a group id, e.g. --distributed adrd-feeds");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--offsets-file")) {
            throw new ParameterException(spec.commandLine(), "--offsets-file is for the standalone worker; a "
                    + "distributed worker keeps offsets in the topic connect-" + distributedGroup + "-offsets");
        }
        return EmbeddedConnect.startDistributed(bootstrapServers, client.settings(), distributedGroup, restPort,
                workerProperties);
    }

    private Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "connector file " + file.toAbsolutePath() + " does not exist");
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> config = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key)));
        return config;
    }
}
