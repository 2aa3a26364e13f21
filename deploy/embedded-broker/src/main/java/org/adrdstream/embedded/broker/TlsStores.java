package org.adrdstream.embedded.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A PKCS12 key store (private key and certificate) and the trust store that trusts it, as Kafka's
 * {@code ssl.keystore.*} / {@code ssl.truststore.*} settings and the registry's https listener take them.
 *
 * <p>{@link #selfSigned} makes a self-signed pair for a single host with the JDK's own {@code keytool}: enough
 * for the embedded platform and tests, where the data directory is the trust boundary. In a hospital
 * deployment the stores come from the site's certificate authority.
 *
 * @param keystore   PKCS12 file with the private key and its certificate
 * @param truststore PKCS12 file with the certificate clients must trust
 * @param password   password of both stores and of the key
 */
public record TlsStores(Path keystore, Path truststore, String password) {

    private static final String ALIAS = "adrd";
    private static final String PASSWORD_VARIABLE = "ADRD_TLS_STORE_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_S = 60;

    public TlsStores {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Makes (or, when both files exist, reuses) a self-signed EC P-256 certificate valid for {@code localhost},
     * {@code 127.0.0.1} and {@code host}, and a trust store holding it.
     *
     * @param directory created if missing; holds {@code keystore.p12} and {@code truststore.p12}
     * @param host      the name or address clients connect to (a subject alternative name)
     */
    public static TlsStores selfSigned(Path directory, String host, String password) {
        TlsStores stores = new TlsStores(directory.resolve("keystore.p12"), directory.resolve("truststore.p12"), password);
        if (Files.exists(stores.keystore) && Files.exists(stores.truststore)) {
            return stores;
        }
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(stores.keystore);
            stores.generateKeyPair(host);
            stores.writeTrustStore();
            return stores;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write TLS stores in " + directory, e);
        }
    }

    /** An SSL context that serves with the key store, for https listeners (the registry, the dashboard). */
    public SSLContext serverContext() {
        return serverContext(keystore, password);
    }

    /** An SSL context that serves with the key in a PKCS12 key store whose store and key share {@code password}. */
    public static SSLContext serverContext(Path keystore, String password) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keystore, password), password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not serve TLS with " + keystore + ": " + e.getMessage(), e);
        }
    }

    private void generateKeyPair(String host) {
        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
        String own = (host.matches("[0-9.]+") || host.contains(":") ? "ip:" : "dns:") + host;
        if (!names.contains(own)) {
            names.add(own);
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        // The password goes through the environment, never the command line (visible to ps).
        ProcessBuilder command = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "825",
                "-dname", "CN=" + host + ",O=adrd-stream embedded platform", "-ext", "SAN=" + String.join(",", names),
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE)
                .redirectErrorStream(true);
        command.environment().put(PASSWORD_VARIABLE, password);
        try {
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make a certificate in " + keystore + ": " + output.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + keytool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a certificate", e);
        }
    }

    private void writeTrustStore() throws IOException {
        try {
            Certificate certificate = load(keystore, password).getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            try (OutputStream out = Files.newOutputStream(truststore)) {
                trust.store(out, password.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not write the trust store " + truststore + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not open " + file + " (wrong password?): " + e.getMessage(), e);
        }
    }
}
