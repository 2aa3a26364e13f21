package org.adrdstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Misuse is explained, and settings come from flag, environment and file in that order. */
class AdrdCommandLineTest {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @Test
    void misspeltOptionIsNamedWithTheLikelyFixAndExitCode2() {
        int code = run(Map.of(), "demo", "--kafka-prot", "19092");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--kafka-prot'").contains("Possible solutions: --kafka-port");
    }

    @Test
    void missingCommandListsTheCommands() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command").contains("demo, broker, registry, topics, streams, snapshot");
    }

    @Test
    void badPortIsAUsageErrorThatSaysWhatAPortIs() {
        assertThat(run(Map.of(), "demo", "--registry-port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("'--registry-port': 70000 is not a port");
    }

    @Test
    void badResendHorizonSaysHowToWriteADuration() {
        assertThat(run(Map.of(), "streams", "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url",
                "http://127.0.0.1:2", "--resend-horizon", "2weeks")).isEqualTo(2);
        assertThat(err.toString()).contains("'2weeks' is not a duration").contains("365d");
    }

    @Test
    void registryNeedsBootstrapServers() {
        assertThat(run(Map.of(), "registry")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--bootstrap-servers");
    }

    @Test
    void badUserSpecIsExplained() {
        assertThat(run(Map.of(), "registry", "--bootstrap-servers", "127.0.0.1:1", "--user", "nopassword"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("expected NAME:PASSWORD");
    }

    @Test
    void registryKeystoreWithoutItsPasswordIsExplained(@TempDir Path dir) {
        assertThat(run(Map.of(), "registry", "--bootstrap-servers", "127.0.0.1:1", "--tls-keystore",
                dir.resolve("keystore.p12").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--tls-keystore needs its password").contains("ADRD_TLS_KEYSTORE_PASSWORD");
    }

    @Test
    void demoFeedSettingsAreCheckedBeforeAnythingStarts() {
        assertThat(run(Map.of(), "demo", "--rate", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be above 0");
        assertThat(run(Map.of(), "demo", "--dashboard-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("'--dashboard-port': -1 is not a port");
    }

    @Test
    void consumeNeedsATopicAndTheCluster() {
        assertThat(run(Map.of(), "consume", "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url",
                "http://127.0.0.1:2")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'TOPIC'");
    }

    @Test
    void dashboardQueryUrlMustBeAnHttpUrl() {
        assertThat(run(Map.of(), "dashboard", "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url",
                "http://127.0.0.1:2", "--query-url", "streams-0")).isEqualTo(2);
        assertThat(err.toString()).contains("--query-url must be an http URL such as http://streams-0:7070");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"demo", "broker", "registry", "topics", "streams", "snapshot", "generate",
                "consume", "dashboard"}) {
            assertThat(run(Map.of(), command, "--help")).isZero();
        }
        assertThat(out.toString()).contains("Usage: adrd demo").contains("Usage: adrd broker")
                .contains("Usage: adrd registry").contains("Usage: adrd topics").contains("Usage: adrd streams")
                .contains("Usage: adrd generate");
    }

    @Test
    void environmentOverridesTheFileWhichOverridesTheDefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("adrd.properties");
        Files.writeString(file, "demo.kafka-port=19092\nregistry-port=18081\npartitions=3\n");
        Map<String, String> environment = new HashMap<>();
        environment.put(SettingsDefaultProvider.CONFIG_ENV, file.toString());
        environment.put("ADRD_PARTITIONS", "12");

        DemoCommand demo = parseDemo(environment);

        assertThat(demo.address.kafkaPort).as("command-scoped key from the file").isEqualTo(19092);
        assertThat(demo.registryPort).as("plain key from the file").isEqualTo(18081);
        assertThat(demo.partitions).as("environment beats the file").isEqualTo(12);
        assertThat(demo.address.controllerPort).as("built-in default").isEqualTo(9093);
    }

    @Test
    void flagBeatsEnvironment() {
        DemoCommand demo = parseDemo(Map.of("ADRD_KAFKA_PORT", "19092"), "--kafka-port", "29092");

        assertThat(demo.address.kafkaPort).isEqualTo(29092);
    }

    @Test
    void configFlagNamesTheSettingsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.properties");
        Files.writeString(file, "topic-prefix=site-a.\n");
        String[] args = {"--config", file.toString(), "demo"};

        CommandLine commandLine = AdrdCommand.commandLine(SettingsDefaultProvider.withConfigFlag(Map.of(), args));
        CommandLine.ParseResult parsed = commandLine.parseArgs(args);

        DemoCommand demo = (DemoCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(demo.topicPrefix).isEqualTo("site-a.");
    }

    private DemoCommand parseDemo(Map<String, String> environment, String... flags) {
        CommandLine commandLine = AdrdCommand.commandLine(environment);
        String[] args = new String[flags.length + 1];
        args[0] = "demo";
        System.arraycopy(flags, 0, args, 1, flags.length);
        return (DemoCommand) commandLine.parseArgs(args).subcommand().commandSpec().userObject();
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = AdrdCommand.commandLine(environment);
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }
}
