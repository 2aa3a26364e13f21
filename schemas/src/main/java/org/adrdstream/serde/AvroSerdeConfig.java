package org.adrdstream.serde;

import java.util.Map;

import org.adrdstream.registry.client.SchemaRegistryClientConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the Avro serdes: the registry client's settings plus the serializer switches, under the
 * property names of Confluent's serdes so existing configurations carry over.
 */
public final class AvroSerdeConfig extends SchemaRegistryClientConfig {

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final boolean DEFAULT_AUTO_REGISTER_SCHEMAS = true;
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "Register the record's schema under the subject "
            + "when it is not there yet. Off in production pipelines where schemas are registered by CI.";

    public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
    public static final boolean DEFAULT_USE_LATEST_VERSION = false;
    private static final String USE_LATEST_VERSION_DOC = "With auto.register.schemas=false: write with the "
            + "subject's latest schema instead of looking up the record's own schema. The record must be "
            + "writable with it (same fields or a compatible superset).";

    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
    /** The only subject strategy supported: subjects {@code <topic>-key} and {@code <topic>-value}. */
    public static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    public static final String SPECIFIC_AVRO_KEY_TYPE_CONFIG = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE_CONFIG = "specific.avro.value.type";
    private static final String SPECIFIC_TYPE_DOC = "Generated class to read into; empty means the class named "
            + "by the writer schema's full name.";

    public static final ConfigDef CONFIG_DEF = baseConfigDef()
            .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, DEFAULT_AUTO_REGISTER_SCHEMAS, Importance.MEDIUM,
                    AUTO_REGISTER_SCHEMAS_DOC)
            .define(USE_LATEST_VERSION_CONFIG, Type.BOOLEAN, DEFAULT_USE_LATEST_VERSION, Importance.LOW,
                    USE_LATEST_VERSION_DOC)
            .define(KEY_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, TOPIC_NAME_STRATEGY,
                    AvroSerdeConfig::requireTopicNameStrategy, Importance.LOW, "Must be TopicNameStrategy.")
            .define(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, TOPIC_NAME_STRATEGY,
                    AvroSerdeConfig::requireTopicNameStrategy, Importance.LOW, "Must be TopicNameStrategy.")
            .define(SPECIFIC_AVRO_KEY_TYPE_CONFIG, Type.CLASS, null, Importance.LOW, SPECIFIC_TYPE_DOC)
            .define(SPECIFIC_AVRO_VALUE_TYPE_CONFIG, Type.CLASS, null, Importance.LOW, SPECIFIC_TYPE_DOC);

    public AvroSerdeConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION_CONFIG);
    }

    /** The configured reader class for keys or values, or null to follow the writer schema. */
    public Class<?> specificType(boolean isKey) {
        return getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE_CONFIG : SPECIFIC_AVRO_VALUE_TYPE_CONFIG);
    }

    private static void requireTopicNameStrategy(String name, Object value) {
        String strategy = String.valueOf(value);
        if (!strategy.equals(TOPIC_NAME_STRATEGY) && !strategy.endsWith(".TopicNameStrategy")) {
            throw new ConfigException(name, value, "only TopicNameStrategy (subjects <topic>-key and "
                    + "<topic>-value) is supported; remove the setting or set it to " + TOPIC_NAME_STRATEGY);
        }
    }
}
