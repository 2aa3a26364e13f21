package org.adrdstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.adrdstream.clientconfig.ClientSecurity;
import org.adrdstream.connect.feed.FeedConfig;
import org.adrdstream.connect.fhir.FhirSourceConfig;
import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.connect.hl7.Hl7SourceConfig;
import org.adrdstream.connect.hl7.MllpSourceConnector;
import org.adrdstream.topics.PlatformTopics;

/**
 * The embedded platform's Connect worker and its two connectors: FHIR R4 files read from a directory
 * ({@value #FHIR}) and HL7 v2 over MLLP ({@value #HL7}). Offsets live in the data directory, so a
 * restarted platform reads on where it stopped.
 */
public final class DemoConnectors {

    /** Name of the FHIR files connector. */
    public static final String FHIR = "fhir-files";
    /** Name of the HL7 MLLP connector. */
    public static final String HL7 = "hl7-mllp";

    private DemoConnectors() {
    }

    /**
     * @param fhirDirectory directory the FHIR connector reads (new files are picked up as they appear)
     * @param mllpPort      port of the MLLP listener; see {@link #withFreePortFor0}
     * @param pseudonymKey  the pseudonymisation key
     * @param feedName      source system the events are attributed to
     */
    public record Settings(Path fhirDirectory, int mllpPort, String pseudonymKey, String feedName) {
        public Settings {
            Objects.requireNonNull(fhirDirectory, "fhirDirectory");
            Objects.requireNonNull(pseudonymKey, "pseudonymKey");
            Objects.requireNonNull(feedName, "feedName");
        }

        /**
         * These settings with port 0 replaced by a port free now: the feed must know the listener's port
         * before the connector opens it, and HAPI's listener does not report the port it was given.
         */
        public Settings withFreePortFor0() {
            if (mllpPort != 0) {
                return this;
            }
            try (ServerSocket socket = new ServerSocket(0)) {
                return new Settings(fhirDirectory, socket.getLocalPort(), pseudonymKey, feedName);
            } catch (IOException e) {
                throw new UncheckedIOException("no free port for the MLLP listener", e);
            }
        }

        String describe() {
            return FHIR + " reading " + fhirDirectory.toAbsolutePath() + ", " + HL7 + " listening on port " + mllpPort;
        }
    }

    /** @param clientSettings client security: Kafka entries for the worker, registry entries for the connectors */
    static EmbeddedConnect start(String bootstrapServers, String registryUrl, Map<String, String> clientSettings,
                                 PlatformTopics topics, Path dataDir, Settings settings) {
        try {
            Files.createDirectories(settings.fhirDirectory()); // the FHIR task refuses a directory that is not there
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the FHIR directory " + settings.fhirDirectory(), e);
        }
        EmbeddedConnect connect = EmbeddedConnect.start(bootstrapServers, clientSettings, dataDir.resolve("connect").resolve("offsets"),
                0, Map.of());
        try {
            Map<String, String> fhir = common(registryUrl, clientSettings, topics, settings);
            fhir.put("connector.class", FhirSourceConnector.class.getName());
            fhir.put(FhirSourceConfig.DIRECTORY_CONFIG, settings.fhirDirectory().toAbsolutePath().toString());
            fhir.put(FhirSourceConfig.SCAN_INTERVAL_MS_CONFIG, "1000");
            connect.putConnector(FHIR, fhir, Duration.ofSeconds(60));
            Map<String, String> hl7 = common(registryUrl, clientSettings, topics, settings);
            hl7.put("connector.class", MllpSourceConnector.class.getName());
            hl7.put(Hl7SourceConfig.PORT_CONFIG, Integer.toString(settings.mllpPort()));
            connect.putConnector(HL7, hl7, Duration.ofSeconds(60));
            return connect;
        } catch (RuntimeException e) {
            connect.close();
            throw e;
        }
    }

    private static Map<String, String> common(String registryUrl, Map<String, String> clientSettings,
                                              PlatformTopics topics, Settings settings) {
        Map<String, String> config = new LinkedHashMap<>(ClientSecurity.registry(clientSettings));
        config.put("tasks.max", "1");
        config.put(FeedConfig.FEED_NAME_CONFIG, settings.feedName());
        config.put(FeedConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        config.put(FeedConfig.PSEUDONYM_KEY_CONFIG, settings.pseudonymKey());
        config.put(FeedConfig.EVENTS_TOPIC_CONFIG, topics.clinicalEvents().name());
        config.put(FeedConfig.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters().name());
        return config;
    }
}
