package org.adrdstream.registry.client;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of {@link RestSchemaRegistryClient}, under the property names of Confluent's client so that
 * existing producer, consumer and Streams configurations carry over unchanged.
 */
public class SchemaRegistryClientConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Comma-separated registry URLs; on a connection "
            + "failure or 5xx answer the client moves on to the next.";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    public static final String DEFAULT_BASIC_AUTH_CREDENTIALS_SOURCE = "URL";
    private static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "Where basic-auth credentials come from: "
            + "USER_INFO (basic.auth.user.info) or URL (user:password@ in the registry URL).";

    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    private static final String BASIC_AUTH_USER_INFO_DOC = "user:password for basic auth, with "
            + "basic.auth.credentials.source=USER_INFO.";

    public static final String SSL_PREFIX = "schema.registry.ssl.";
    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = SSL_PREFIX + "truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = SSL_PREFIX + "truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = SSL_PREFIX + "truststore.type";
    public static final String SSL_KEYSTORE_LOCATION_CONFIG = SSL_PREFIX + "keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = SSL_PREFIX + "keystore.password";
    public static final String SSL_KEYSTORE_TYPE_CONFIG = SSL_PREFIX + "keystore.type";
    public static final String SSL_KEY_PASSWORD_CONFIG = SSL_PREFIX + "key.password";
    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    public static final int DEFAULT_HTTP_CONNECT_TIMEOUT_MS = 10_000;
    public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
    public static final int DEFAULT_HTTP_READ_TIMEOUT_MS = 30_000;

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final String RETRIES_WAIT_MS_CONFIG = "retries.wait.ms";
    public static final int DEFAULT_RETRIES_WAIT_MS = 200;
    public static final String RETRIES_MAX_WAIT_MS_CONFIG = "retries.max.wait.ms";
    public static final int DEFAULT_RETRIES_MAX_WAIT_MS = 5_000;

    public static final String MAX_SCHEMAS_PER_SUBJECT_CONFIG = "max.schemas.per.subject";
    public static final int DEFAULT_MAX_SCHEMAS_PER_SUBJECT = 1000;
    public static final String LATEST_CACHE_TTL_SEC_CONFIG = "latest.cache.ttl.sec";
    public static final long DEFAULT_LATEST_CACHE_TTL_SEC = 60;

    public static final ConfigDef CONFIG_DEF = baseConfigDef();

    public SchemaRegistryClientConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    protected SchemaRegistryClientConfig(ConfigDef definition, Map<?, ?> props) {
        super(definition, props, false);
    }

    /** The client's definitions, for configs (such as the serdes') that extend them. */
    public static ConfigDef baseConfigDef() {
        return new ConfigDef()
                .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                        SchemaRegistryClientConfig::requireUrl, Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
                .define(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, DEFAULT_BASIC_AUTH_CREDENTIALS_SOURCE,
                        ConfigDef.ValidString.in("URL", "USER_INFO"), Importance.MEDIUM,
                        BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
                .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, BASIC_AUTH_USER_INFO_DOC)
                .define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        "Trust store for https registry URLs; empty uses the JVM's default trust.")
                .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
                        "Password of the trust store.")
                .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, DEFAULT_STORE_TYPE, Importance.LOW,
                        "Trust store format: PKCS12 or JKS.")
                .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        "Key store with the client certificate for mutual TLS; empty for none.")
                .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
                        "Password of the key store.")
                .define(SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, DEFAULT_STORE_TYPE, Importance.LOW,
                        "Key store format: PKCS12 or JKS.")
                .define(SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.LOW,
                        "Password of the private key; empty means the key store's password.")
                .define(HTTP_CONNECT_TIMEOUT_MS_CONFIG, Type.INT, DEFAULT_HTTP_CONNECT_TIMEOUT_MS,
                        ConfigDef.Range.atLeast(1), Importance.LOW, "Timeout to open a connection to the registry.")
                .define(HTTP_READ_TIMEOUT_MS_CONFIG, Type.INT, DEFAULT_HTTP_READ_TIMEOUT_MS,
                        ConfigDef.Range.atLeast(1), Importance.LOW, "Timeout for the registry's answer to a request.")
                .define(MAX_RETRIES_CONFIG, Type.INT, DEFAULT_MAX_RETRIES, ConfigDef.Range.atLeast(0),
                        Importance.LOW, "Retries after a connection failure or a 5xx answer.")
                .define(RETRIES_WAIT_MS_CONFIG, Type.INT, DEFAULT_RETRIES_WAIT_MS, ConfigDef.Range.atLeast(0),
                        Importance.LOW, "Wait before the first retry; doubles on each further retry.")
                .define(RETRIES_MAX_WAIT_MS_CONFIG, Type.INT, DEFAULT_RETRIES_MAX_WAIT_MS,
                        ConfigDef.Range.atLeast(0), Importance.LOW, "Upper bound of the wait between retries.")
                .define(MAX_SCHEMAS_PER_SUBJECT_CONFIG, Type.INT, DEFAULT_MAX_SCHEMAS_PER_SUBJECT,
                        ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Most distinct schemas cached per subject; more means a schema is being built per record.")
                .define(LATEST_CACHE_TTL_SEC_CONFIG, Type.LONG, DEFAULT_LATEST_CACHE_TTL_SEC, Importance.LOW,
                        "Seconds a subject's latest version stays cached; -1 caches it for good.");
    }

    private static void requireUrl(String name, Object value) {
        if (value == null || ((List<?>) value).isEmpty()) {
            throw new ConfigException(name, value, "set it to the registry's URL, e.g. http://localhost:8081");
        }
    }

    public List<String> urls() {
        return getList(SCHEMA_REGISTRY_URL_CONFIG);
    }

    /** The {@code user:password} to send, or null for none. */
    public String userInfo() {
        if ("USER_INFO".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG))) {
            String value = getPassword(BASIC_AUTH_USER_INFO_CONFIG).value();
            return value.isEmpty() ? null : value;
        }
        return null;
    }

    public String password(String key) {
        Password password = getPassword(key);
        return password == null ? "" : password.value();
    }
}
