package org.adrdstream.streams.scoring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.adrdstream.modelregistry.BundledModel;

/**
 * Settings of risk scoring (docs/streams.md, "Scoring"), declared once; {@code adrd streams} fills them from
 * flags, environment and settings file.
 *
 * @param enabled             run the scoring sub-topology in this instance
 * @param modelRegistry       directory of model packages ({@code <name>/<version>/})
 * @param modelName           which model to serve: the latest promotion of this name on models.control.v1 wins
 * @param modelVersion        version to serve until a promotion says otherwise; null: the bundled default
 *                            for its name (other names then need a promotion)
 * @param device              {@code cpu}, {@code gpu} or {@code auto}
 * @param batchSize           most patients per scoring batch; reaching it also triggers a batch at once
 * @param batchInterval       how often pending patients are scored (the punctuation interval)
 * @param rescoreInterval     least time between two scores of one patient, unless a diagnosis, medication or
 *                            lab was added since the last score
 * @param bands               probability thresholds of the risk bands
 * @param evidenceCandidates  recent items tried by occlusion per score (0 turns evidence off)
 * @param evidenceItems       evidence items kept per score
 * @param inferenceThreads    PyTorch intra-op threads
 */
public record ScoringSettings(boolean enabled, Path modelRegistry, String modelName, String modelVersion, String device,
                              int batchSize, Duration batchInterval, Duration rescoreInterval, RiskBands bands,
                              int evidenceCandidates, int evidenceItems, int inferenceThreads) {

    /** Where model packages live unless configured: shared by every run on the machine. */
    public static final Path DEFAULT_REGISTRY = Path.of(System.getProperty("user.home"), ".adrd", "models");

    public ScoringSettings {
        Objects.requireNonNull(modelRegistry, "modelRegistry");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(batchInterval, "batchInterval");
        Objects.requireNonNull(rescoreInterval, "rescoreInterval");
        Objects.requireNonNull(bands, "bands");
        if (batchSize < 1 || batchInterval.isNegative() || batchInterval.isZero() || rescoreInterval.isNegative()
                || evidenceCandidates < 0 || evidenceItems < 0 || inferenceThreads < 1) {
            throw new IllegalArgumentException("invalid scoring settings " + this);
        }
    }

    public static ScoringSettings defaults(Path modelRegistry) {
        return new ScoringSettings(true, modelRegistry, BundledModel.NAME, null, "auto", 32, Duration.ofMillis(200),
                Duration.ofSeconds(60), RiskBands.DEFAULT, 4, 3, 1);
    }

    public ScoringSettings disabled() {
        return new ScoringSettings(false, modelRegistry, modelName, modelVersion, device, batchSize, batchInterval,
                rescoreInterval, bands, evidenceCandidates, evidenceItems, inferenceThreads);
    }

    public ScoringSettings withModel(String name, String version) {
        return new ScoringSettings(enabled, modelRegistry, name, version, device, batchSize, batchInterval,
                rescoreInterval, bands, evidenceCandidates, evidenceItems, inferenceThreads);
    }

    public ScoringSettings withBatching(int size, Duration interval, Duration rescore) {
        return new ScoringSettings(enabled, modelRegistry, modelName, modelVersion, device, size, interval, rescore,
                bands, evidenceCandidates, evidenceItems, inferenceThreads);
    }

    public ScoringSettings withEvidence(int candidates, int items) {
        return new ScoringSettings(enabled, modelRegistry, modelName, modelVersion, device, batchSize, batchInterval,
                rescoreInterval, bands, candidates, items, inferenceThreads);
    }

    public ScoringSettings withDevice(String choice, int threads) {
        return new ScoringSettings(enabled, modelRegistry, modelName, modelVersion, choice, batchSize, batchInterval,
                rescoreInterval, bands, evidenceCandidates, evidenceItems, threads);
    }
}
