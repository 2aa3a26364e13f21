package org.adrdstream.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.adrdstream.embedded.broker.BrokerSecurity;
import org.adrdstream.embedded.broker.TlsStores;
import org.adrdstream.registry.client.SchemaRegistryClientConfig;

/**
 * The secrets of a secured embedded platform, made on its first secured start in {@code DATA/security} and
 * reused after: a self-signed certificate for the broker and registry, SCRAM passwords for the broker's own
 * user and the platform's user ({@value #PLATFORM_USER}), the registry's basic-auth password and the bearer token
 * of the query API and dashboard. It also writes
 * {@value #CLIENT_CONFIG}, the file the command-line tools take as {@code --client-config}. Every file is
 * readable by its owner only: the data directory is the trust boundary of the embedded platform.
 *
 * @param directory  where the files live
 * @param tls        key and trust stores
 * @param passwords  generated secrets by purpose ({@code store}, {@code broker}, {@code platform},
 *                   {@code registry}, {@code api})
 */
public record PlatformSecrets(Path directory, TlsStores tls, Map<String, String> passwords) {

    /** The SCRAM and registry user every platform client logs in as. */
    public static final String PLATFORM_USER = "adrd";
    /** The SCRAM user the broker logs in to itself as. */
    public static final String BROKER_USER = "broker";
    /** Client settings for the tools, in {@code DATA/security}. */
    public static final String CLIENT_CONFIG = "client.properties";
    private static final String SECRETS_FILE = "secrets.properties";
    private static final String[] PURPOSES = {"store", "broker", "platform", "registry", "api"};

    public PlatformSecrets {
        passwords = Map.copyOf(passwords);
    }

    /** Reads the secrets of {@code directory}, making any that are missing, and (re)writes the client config. */
    public static PlatformSecrets loadOrCreate(Path directory, String host) {
        try {
            Files.createDirectories(directory);
            restrict(directory, "rwx------");
            Map<String, String> passwords = readOrGenerate(directory.resolve(SECRETS_FILE));
            TlsStores tls = TlsStores.selfSigned(directory.resolve("tls"), host, passwords.get("store"));
            restrict(tls.keystore(), "rw-------");
            PlatformSecrets secrets = new PlatformSecrets(directory, tls, passwords);
            secrets.writeClientConfig();
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up the platform's secrets in " + directory, e);
        }
    }

    /** SASL_SSL for the embedded broker with the broker's and the platform's SCRAM users. */
    public BrokerSecurity brokerSecurity() {
        return new BrokerSecurity(tls, Map.of(BROKER_USER, passwords.get("broker"),
                PLATFORM_USER, passwords.get("platform")), BROKER_USER);
    }

    /** The bearer token of the query API and the dashboard. */
    public String apiToken() {
        return passwords.get("api");
    }

    /** The registry's basic-auth password for {@link #PLATFORM_USER}. */
    public String registryPassword() {
        return passwords.get("registry");
    }

    /**
     * Settings every platform client needs: Kafka SASL_SSL as {@link #PLATFORM_USER}, and the registry's basic
     * auth and trust store, in the keys Kafka's and Confluent's clients read.
     */
    public Map<String, String> clientSettings() {
        Map<String, String> settings = new TreeMap<>();
        brokerSecurity().clientProperties(PLATFORM_USER).forEach((key, value) -> settings.put(key, value.toString()));
        settings.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
        settings.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG, PLATFORM_USER + ":" + registryPassword());
        settings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.truststore().toAbsolutePath().toString());
        settings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, tls.password());
        settings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        return settings;
    }

    /** The client settings file, for {@code --client-config}. */
    public Path clientConfigFile() {
        return directory.resolve(CLIENT_CONFIG);
    }

    private void writeClientConfig() throws IOException {
        Properties file = new Properties();
        file.putAll(clientSettings());
        Path target = clientConfigFile();
        try (Writer out = Files.newBufferedWriter(target)) {
            file.store(out, "adrd-stream: client settings of this secured platform (pass as --client-config); keep private");
        }
        restrict(target, "rw-------");
    }

    private static Map<String, String> readOrGenerate(Path file) throws IOException {
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
        }
        Map<String, String> passwords = new HashMap<>();
        SecureRandom random = new SecureRandom();
        for (String purpose : PURPOSES) {
            passwords.put(purpose, stored.getProperty(purpose, newPassword(random)));
        }
        Properties updated = new Properties();
        updated.putAll(passwords);
        try (Writer out = Files.newBufferedWriter(file)) {
            updated.store(out, "adrd-stream: generated passwords of this secured platform; keep private");
        }
        restrict(file, "rw-------");
        return passwords;
    }

    /** A fresh random password (24 random bytes, URL-safe Base64). */
    public static String newPassword() {
        return newPassword(new SecureRandom());
    }

    private static String newPassword(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
