package org.adrdstream.topics;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.TopicConfig;

/**
 * The platform's topics (docs/DESIGN.md section 3), named under a configurable prefix so several
 * deployments can share a cluster. Keys are UTF-8 strings (the patient pseudonym, model name or source
 * locator); values are Avro in the Confluent wire format under the subject {@code <topic>-value}.
 */
public final class PlatformTopics {

    /** Default partition count: patients spread over partitions, the unit of Streams parallelism. */
    public static final int DEFAULT_PARTITIONS = 6;
    private static final String TEN_YEARS_MS = Long.toString(10L * 365 * 24 * 3600 * 1000);
    private static final String NINETY_DAYS_MS = Long.toString(90L * 24 * 3600 * 1000);

    private final String prefix;
    private final int partitions;

    private PlatformTopics(String prefix, int partitions) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.partitions = partitions;
    }

    /** Topics with no prefix and {@value #DEFAULT_PARTITIONS} partitions. */
    public static PlatformTopics defaults() {
        return new PlatformTopics("", DEFAULT_PARTITIONS);
    }

    /** Topics named {@code prefix + name} (e.g. prefix {@code "site-a."}) with {@code partitions} partitions. */
    public static PlatformTopics of(String prefix, int partitions) {
        return new PlatformTopics(prefix, partitions);
    }

    /** {@code ClinicalEvent}s keyed by pseudonym; kept long so histories can be rebuilt by replay. */
    public TopicSpec clinicalEvents() {
        return new TopicSpec(prefix + "clinical.events.v1", partitions, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, TEN_YEARS_MS), "ClinicalEvent by patient pseudonym");
    }

    /** {@code DeadLetter}s keyed by source locator. */
    public TopicSpec deadLetters() {
        return new TopicSpec(prefix + "clinical.events.dlq.v1", 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, NINETY_DAYS_MS), "DeadLetter by source locator");
    }

    /** Latest {@code PatientHistory} per pseudonym: compacted, the snapshot source for training. */
    public TopicSpec patientHistories() {
        return new TopicSpec(prefix + "patient.histories.v1", partitions, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                "PatientHistory by patient pseudonym (compacted)");
    }

    /** {@code RiskScore}s keyed by pseudonym. */
    public TopicSpec riskScores() {
        return new TopicSpec(prefix + "adrd.risk.v1", partitions, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, TEN_YEARS_MS), "RiskScore by patient pseudonym");
    }

    /** {@code ModelPromotion}s keyed by model name: compacted, the latest is the version in service. */
    public TopicSpec modelControl() {
        return new TopicSpec(prefix + "models.control.v1", 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                "ModelPromotion by model name (compacted)");
    }

    /** Every platform topic, in flow order. */
    public List<TopicSpec> all() {
        return List.of(clinicalEvents(), deadLetters(), patientHistories(), riskScores(), modelControl());
    }
}
