package org.adrdstream.connect.feed;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.registry.client.SchemaRegistryClientConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings every hospital feed connector shares: where events and dead letters go, the schema registry,
 * the feed's name and the pseudonymisation secret, and how much bad input to tolerate. Each connector's
 * config extends {@link #define(ConfigDef)} with its own keys.
 */
public class FeedConfig extends AbstractConfig {

    public static final String FEED_NAME_CONFIG = "feed.name";
    private static final String FEED_NAME_DOC = "Name of this feed: the source system in event ids "
            + "('feed:Condition/123') and SourceRef.feed. Keep it stable, or re-sent records stop deduplicating.";

    public static final String EVENTS_TOPIC_CONFIG = "events.topic";
    public static final String EVENTS_TOPIC_DEFAULT = "clinical.events.v1";
    private static final String EVENTS_TOPIC_DOC = "Topic the ClinicalEvents are written to.";

    public static final String DEAD_LETTER_TOPIC_CONFIG = "dead.letter.topic";
    public static final String DEAD_LETTER_TOPIC_DEFAULT = "clinical.events.dlq.v1";
    private static final String DEAD_LETTER_TOPIC_DOC = "Topic for records the connector cannot take, with the "
            + "reason and where to find them (file and line, message control id, resource id); never their content.";

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Schema registry the Avro values are registered with "
            + "(Confluent wire format).";

    public static final String REGISTRY_CREDENTIALS_SOURCE_CONFIG = SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG;
    private static final String REGISTRY_CREDENTIALS_SOURCE_DOC = "Where the registry's basic-auth credentials come "
            + "from: USER_INFO (basic.auth.user.info) or URL (user:password@ in schema.registry.url).";

    public static final String REGISTRY_USER_INFO_CONFIG = SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG;
    private static final String REGISTRY_USER_INFO_DOC = "user:password for the registry's basic auth; use a config "
            + "provider such as '${env:ADRD_REGISTRY_USER_INFO}'.";

    public static final String REGISTRY_TRUSTSTORE_LOCATION_CONFIG = SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG;
    private static final String REGISTRY_TRUSTSTORE_LOCATION_DOC = "Trust store for an https registry whose "
            + "certificate the JVM does not already trust.";

    public static final String REGISTRY_TRUSTSTORE_PASSWORD_CONFIG = SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG;
    private static final String REGISTRY_TRUSTSTORE_PASSWORD_DOC = "Password of the registry trust store.";

    public static final String REGISTRY_TRUSTSTORE_TYPE_CONFIG = SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE_CONFIG;
    private static final String REGISTRY_TRUSTSTORE_TYPE_DOC = "Type of the registry trust store.";

    public static final String PSEUDONYM_KEY_CONFIG = "pseudonym.key";
    private static final String PSEUDONYM_KEY_DOC = "Secret (at least 16 bytes) for the patient pseudonyms, "
            + "HMAC-SHA256 over issuer and identifier. Use a config provider, e.g. '${env:ADRD_PSEUDONYM_KEY}', "
            + "to keep it out of files; every feed of one site must use the same key.";

    public static final String MAX_DEAD_LETTERS_CONFIG = "errors.max.dead.letters";
    public static final long MAX_DEAD_LETTERS_DEFAULT = -1;
    private static final String MAX_DEAD_LETTERS_DOC = "How many dead letters a task tolerates before it fails "
            + "and stops (-1: no limit; the feed keeps running and every bad record is dead-lettered).";

    public static final String FUTURE_TOLERANCE_HOURS_CONFIG = "events.future.tolerance.hours";
    public static final long FUTURE_TOLERANCE_HOURS_DEFAULT = 24;
    private static final String FUTURE_TOLERANCE_HOURS_DOC = "Events dated more than this after the time they "
            + "are read are dead-lettered (clock skew allowance).";

    public FeedConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
    }

    /** Adds the shared keys to a connector's definition. */
    public static ConfigDef define(ConfigDef definition) {
        return definition
                .define(FEED_NAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, FEED_NAME_DOC)
                .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(), Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
                .define(REGISTRY_CREDENTIALS_SOURCE_CONFIG, Type.STRING,
                        SchemaRegistryClientConfig.DEFAULT_BASIC_AUTH_CREDENTIALS_SOURCE,
                        ConfigDef.ValidString.in("URL", "USER_INFO"), Importance.LOW, REGISTRY_CREDENTIALS_SOURCE_DOC)
                .define(REGISTRY_USER_INFO_CONFIG, Type.PASSWORD, null, Importance.LOW, REGISTRY_USER_INFO_DOC)
                .define(REGISTRY_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.LOW,
                        REGISTRY_TRUSTSTORE_LOCATION_DOC)
                .define(REGISTRY_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        REGISTRY_TRUSTSTORE_PASSWORD_DOC)
                .define(REGISTRY_TRUSTSTORE_TYPE_CONFIG, Type.STRING, SchemaRegistryClientConfig.DEFAULT_STORE_TYPE,
                        Importance.LOW, REGISTRY_TRUSTSTORE_TYPE_DOC)
                .define(PSEUDONYM_KEY_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        PSEUDONYM_KEY_DOC)
                .define(EVENTS_TOPIC_CONFIG, Type.STRING, EVENTS_TOPIC_DEFAULT, new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, EVENTS_TOPIC_DOC)
                .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, DEAD_LETTER_TOPIC_DEFAULT,
                        new ConfigDef.NonEmptyString(), Importance.MEDIUM, DEAD_LETTER_TOPIC_DOC)
                .define(MAX_DEAD_LETTERS_CONFIG, Type.LONG, MAX_DEAD_LETTERS_DEFAULT, ConfigDef.Range.atLeast(-1),
                        Importance.MEDIUM, MAX_DEAD_LETTERS_DOC)
                .define(FUTURE_TOLERANCE_HOURS_CONFIG, Type.LONG, FUTURE_TOLERANCE_HOURS_DEFAULT,
                        ConfigDef.Range.atLeast(0), Importance.LOW, FUTURE_TOLERANCE_HOURS_DOC);
    }

    public String feedName() {
        return getString(FEED_NAME_CONFIG);
    }

    public String eventsTopic() {
        return getString(EVENTS_TOPIC_CONFIG);
    }

    public String deadLetterTopic() {
        return getString(DEAD_LETTER_TOPIC_CONFIG);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL_CONFIG);
    }

    /** What the connector's registry client needs: URL, basic auth and trust store, where set. */
    public Map<String, Object> registryClientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl());
        props.put(REGISTRY_CREDENTIALS_SOURCE_CONFIG, getString(REGISTRY_CREDENTIALS_SOURCE_CONFIG));
        props.put(REGISTRY_TRUSTSTORE_TYPE_CONFIG, getString(REGISTRY_TRUSTSTORE_TYPE_CONFIG));
        putIfSet(props, REGISTRY_USER_INFO_CONFIG, getPassword(REGISTRY_USER_INFO_CONFIG));
        putIfSet(props, REGISTRY_TRUSTSTORE_PASSWORD_CONFIG, getPassword(REGISTRY_TRUSTSTORE_PASSWORD_CONFIG));
        if (getString(REGISTRY_TRUSTSTORE_LOCATION_CONFIG) != null) {
            props.put(REGISTRY_TRUSTSTORE_LOCATION_CONFIG, getString(REGISTRY_TRUSTSTORE_LOCATION_CONFIG));
        }
        return props;
    }

    private static void putIfSet(Map<String, Object> props, String key, Password password) {
        if (password != null) {
            props.put(key, password.value());
        }
    }

    public Password pseudonymKey() {
        return getPassword(PSEUDONYM_KEY_CONFIG);
    }

    public long maxDeadLetters() {
        return getLong(MAX_DEAD_LETTERS_CONFIG);
    }

    /** The MRN issuer this feed assumes when the source names none: {@code urn:adrd-stream:<feed.name>:mrn}. */
    public String defaultMrnSystem() {
        return Pseudonymiser.localIssuer(feedName(), "mrn");
    }

    public Duration futureTolerance() {
        return Duration.ofHours(getLong(FUTURE_TOLERANCE_HOURS_CONFIG));
    }
}
