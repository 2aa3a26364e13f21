package org.adrdstream.connect.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.adrdstream.contract.SourceFormat;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;

/** {@link FeedRecords} for mapper tests: a fixed clock, metrics in memory, a registry that is never called. */
public final class FeedFixtures {

    /** "Now" for every test feed: events after it by more than the tolerance are refused. */
    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private FeedFixtures() {
    }

    /** The shared feed settings plus {@code extra}. */
    public static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put(FeedConfig.FEED_NAME_CONFIG, "fuzz-feed");
        settings.put(FeedConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:1");
        settings.put(FeedConfig.PSEUDONYM_KEY_CONFIG, "fuzz-test-pseudonym-key-0123456789");
        settings.putAll(extra);
        return settings;
    }

    public static FeedRecords records(FeedConfig config, SourceFormat format) {
        return new FeedRecords(config, format, new FeedMetrics(new PluginMetricsImpl(new Metrics(), Map.of())),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public static FeedRecords records(SourceFormat format) {
        return records(new FeedConfig(FeedConfig.define(new ConfigDef()), settings(Map.of())), format);
    }
}
