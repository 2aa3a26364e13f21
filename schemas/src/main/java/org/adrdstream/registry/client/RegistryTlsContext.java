package org.adrdstream.registry.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.common.config.ConfigException;

/** Builds the TLS context for https registry URLs from the {@code schema.registry.ssl.*} settings. */
final class RegistryTlsContext {

    private RegistryTlsContext() {
    }

    static SSLContext fromConfig(SchemaRegistryClientConfig config) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(config), trustManagers(config), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS for the schema registry: " + e.getMessage());
        }
    }

    private static TrustManager[] trustManagers(SchemaRegistryClientConfig config) throws GeneralSecurityException {
        String location = config.getString(SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG);
        if (location.isEmpty()) {
            return null; // the JVM's default trust
        }
        KeyStore store = load(SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, location,
                config.getString(SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE_CONFIG),
                config.password(SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(SchemaRegistryClientConfig config) throws GeneralSecurityException {
        String location = config.getString(SchemaRegistryClientConfig.SSL_KEYSTORE_LOCATION_CONFIG);
        if (location.isEmpty()) {
            return null;
        }
        String storePassword = config.password(SchemaRegistryClientConfig.SSL_KEYSTORE_PASSWORD_CONFIG);
        String keyPassword = config.password(SchemaRegistryClientConfig.SSL_KEY_PASSWORD_CONFIG);
        KeyStore store = load(SchemaRegistryClientConfig.SSL_KEYSTORE_LOCATION_CONFIG, location,
                config.getString(SchemaRegistryClientConfig.SSL_KEYSTORE_TYPE_CONFIG), storePassword);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, (keyPassword.isEmpty() ? storePassword : keyPassword).toCharArray());
        return factory.getKeyManagers();
    }

    static KeyStore load(String setting, String location, String type, String password)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new ConfigException(setting, location, "cannot read " + type + " store: " + e.getMessage());
        }
    }
}
