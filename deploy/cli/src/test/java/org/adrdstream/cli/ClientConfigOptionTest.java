package org.adrdstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --client-config}: one file of Kafka and registry client settings, secrets from the environment. */
class ClientConfigOptionTest {

    @Command(name = "joins-a-cluster")
    static final class JoiningCommand {
        @Mixin
        ClusterOptions cluster;
    }

    @Test
    void settingsReachEveryClientWithEnvironmentReferencesResolved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                  username="adrd" password="${env:KAFKA_PASSWORD}";
                basic.auth.credentials.source=USER_INFO
                basic.auth.user.info=adrd:${env:REGISTRY_PASSWORD}
                """);
        JoiningCommand command = parse("--bootstrap-servers", "kafka:9093", "--schema-registry-url", "https://sr:8081",
                "--client-config", file.toString());

        Map<String, String> settings = command.cluster.client.settings(
                Map.of("KAFKA_PASSWORD", "k-secret", "REGISTRY_PASSWORD", "r-secret")::get);

        assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("basic.auth.user.info", "adrd:r-secret");
        assertThat(settings.get("sasl.jaas.config")).endsWith("username=\"adrd\" password=\"k-secret\";");
    }

    @Test
    void unsetVariableIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "sasl.jaas.config=... password=\"${env:NOT_SET_ANYWHERE}\";\n");
        JoiningCommand command = parse("--bootstrap-servers", "k:1", "--schema-registry-url", "http://sr:1",
                "--client-config", file.toString());

        assertThatThrownBy(() -> command.cluster.client.settings(name -> null))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'sasl.jaas.config' names the environment variable NOT_SET_ANYWHERE");
    }

    @Test
    void missingFileIsAUsageError(@TempDir Path dir) {
        JoiningCommand command = parse("--bootstrap-servers", "k:1", "--schema-registry-url", "http://sr:1",
                "--client-config", dir.resolve("absent.properties").toString());

        assertThatThrownBy(() -> command.cluster.client.settings()).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("cannot read --client-config");
    }

    @Test
    void withoutTheFlagClientsGetTheAddressesOnly() {
        JoiningCommand command = parse("--bootstrap-servers", "k:1", "--schema-registry-url", "http://sr:1");

        assertThat(command.cluster.clientProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers", "k:1", "schema.registry.url", "http://sr:1"));
    }

    private static JoiningCommand parse(String... args) {
        JoiningCommand command = new JoiningCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
