package org.adrdstream.clientconfig;

import java.util.HashMap;
import java.util.Map;

/**
 * One map of client settings, as a {@code --client-config} file or a deployment's secret holds them, split into
 * what each kind of client reads: Kafka clients take {@code security.protocol}, {@code sasl.*} and {@code ssl.*};
 * the schema-registry client takes {@code schema.registry.*} and {@code basic.auth.*} (Confluent's names).
 * Keeping the split in one place lets every platform client (Streams, Connect workers and their connectors,
 * the registry's own store, the dashboard, the command-line tools) honour the same file.
 */
public final class ClientSecurity {

    private ClientSecurity() {
    }

    /** The Kafka client security entries of {@code settings}. */
    public static Map<String, String> kafka(Map<String, ?> settings) {
        return select(settings, "security.", "sasl.", "ssl.");
    }

    /** The schema-registry client entries of {@code settings} (URL, basic auth, TLS). */
    public static Map<String, String> registry(Map<String, ?> settings) {
        return select(settings, "schema.registry.", "basic.auth.");
    }

    private static Map<String, String> select(Map<String, ?> settings, String... prefixes) {
        Map<String, String> selected = new HashMap<>();
        settings.forEach((key, value) -> {
            for (String prefix : prefixes) {
                if (key.startsWith(prefix) && value != null) {
                    selected.put(key, value.toString());
                }
            }
        });
        return selected;
    }
}
