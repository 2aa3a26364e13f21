package org.adrdstream.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --client-config FILE}: the settings every Kafka and schema-registry client of a command gets, in the
 * keys Kafka's and Confluent's own tools read: {@code security.protocol}, {@code sasl.*}, {@code ssl.*} for
 * Kafka; {@code basic.auth.*}, {@code schema.registry.ssl.*} for the registry. A value may name an environment
 * variable as {@code ${env:NAME}}, so passwords can stay out of the file. {@code adrd demo --secure} writes one.
 */
final class ClientConfigOption {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka and registry client settings (security.protocol, sasl.*, ssl.*, basic.auth.*, "
                    + "schema.registry.ssl.*) as a properties file; values may be ${env:NAME}. See docs/security.md.")
    Path file;

    /** The file's settings with environment references resolved; empty without {@code --client-config}. */
    Map<String, String> settings() {
        return settings(System::getenv);
    }

    Map<String, String> settings(UnaryOperator<String> environment) {
        Map<String, String> settings = new TreeMap<>();
        if (file == null) {
            return settings;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --client-config " + file + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            settings.put(key, resolve(key, properties.getProperty(key), environment));
        }
        return settings;
    }

    private String resolve(String key, String value, UnaryOperator<String> environment) {
        Matcher reference = ENV_REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String variable = reference.group(1);
            String replacement = environment.apply(variable);
            if (replacement == null) {
                throw new ParameterException(spec.commandLine(), "--client-config " + file + ": '" + key
                        + "' names the environment variable " + variable + ", which is not set");
            }
            reference.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        reference.appendTail(resolved);
        return resolved.toString();
    }
}
