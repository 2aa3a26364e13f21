package org.adrdstream.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment and a properties file. For option {@code --kafka-port} of command
 * {@code demo}: environment {@code ADRD_KAFKA_PORT}, then file key {@code demo.kafka-port}, then file key
 * {@code kafka-port}. The file is the one {@code ADRD_CONFIG} names.
 */
final class SettingsDefaultProvider implements IDefaultValueProvider {

    /** Environment variable naming the properties file. */
    static final String CONFIG_ENV = "ADRD_CONFIG";
    private final Map<String, String> environment;
    private final Properties file;

    SettingsDefaultProvider(Map<String, String> environment) {
        this.environment = environment;
        this.file = load(environment.get(CONFIG_ENV));
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.longestName().equals("--config")) {
            return null;
        }
        String key = option.longestName().replaceFirst("^-+", "");
        String fromEnv = environment.get("ADRD_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null) {
            return fromEnv;
        }
        String command = option.command() == null ? "" : option.command().name() + ".";
        return file.getProperty(command + key, file.getProperty(key));
    }

    /** The environment with {@code ADRD_CONFIG} set from a {@code --config FILE} flag, if the arguments have one. */
    static Map<String, String> withConfigFlag(Map<String, String> environment, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String location = args[i].startsWith("--config=") ? args[i].substring("--config=".length())
                    : args[i].equals("--config") && i + 1 < args.length ? args[i + 1] : null;
            if (location != null) {
                Map<String, String> copy = new java.util.HashMap<>(environment);
                copy.put(CONFIG_ENV, location);
                return copy;
            }
        }
        return environment;
    }

    private static Properties load(String location) {
        Properties properties = new Properties();
        if (location == null || location.isBlank()) {
            return properties;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("settings file " + path.toAbsolutePath() + " is not a readable file");
        }
        try (Reader in = Files.newBufferedReader(path)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read settings file " + path, e);
        }
        return properties;
    }
}
