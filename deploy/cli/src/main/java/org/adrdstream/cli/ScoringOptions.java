package org.adrdstream.cli;

import java.nio.file.Path;
import java.time.Duration;

import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.streams.scoring.RiskBands;
import org.adrdstream.streams.scoring.ScoringSettings;
import picocli.CommandLine.Option;

/** Options of risk scoring, part of {@link StreamsOptions}: the flags behind {@link ScoringSettings}. */
final class ScoringOptions {

    @Option(names = "--scoring", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Score changed histories in this instance (default: on; --no-scoring for history only).")
    boolean enabled;

    @Option(names = "--model-registry", paramLabel = "DIR",
            description = "Directory of model packages (<name>/<version>/); default ~/.adrd/models.")
    Path registry;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = BundledModel.NAME,
            description = "Model to serve; its latest promotion on models.control.v1 wins (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--model-version", paramLabel = "VERSION",
            description = "Version to serve until one is promoted; default: the bundled model for its name.")
    String modelVersion;

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "auto",
            description = "Where inference runs (default: ${DEFAULT-VALUE}: a GPU when the engine sees one).")
    String device;

    @Option(names = "--scoring-batch-size", paramLabel = "N", defaultValue = "32",
            description = "Most patients per forward pass; reaching it also starts a batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--scoring-interval-ms", paramLabel = "MS", defaultValue = "200",
            description = "Pending patients are scored at least this often (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--rescore-interval-s", paramLabel = "S", defaultValue = "60",
            description = "Least time between two scores of a patient, unless a diagnosis, medication or lab "
                    + "arrived (default: ${DEFAULT-VALUE}).")
    long rescoreSeconds;

    @Option(names = "--risk-bands", paramLabel = "MODERATE,HIGH,VERY_HIGH", defaultValue = "0.05,0.1,0.2",
            description = "Probability thresholds of the risk bands (default: ${DEFAULT-VALUE}).")
    String bands;

    @Option(names = "--evidence-candidates", paramLabel = "N", defaultValue = "4",
            description = "Recent items tried by occlusion per score; 0 turns evidence off (default: ${DEFAULT-VALUE}).")
    int evidenceCandidates;

    @Option(names = "--evidence-items", paramLabel = "N", defaultValue = "3",
            description = "Evidence items kept per score (default: ${DEFAULT-VALUE}).")
    int evidenceItems;

    @Option(names = "--inference-threads", paramLabel = "N", defaultValue = "1",
            description = "PyTorch threads for inference (default: ${DEFAULT-VALUE}; more only on idle cores).")
    int inferenceThreads;

    ScoringSettings toSettings() {
        ScoringSettings settings = new ScoringSettings(true, registry != null ? registry : ScoringSettings.DEFAULT_REGISTRY,
                model, modelVersion, device, batchSize, Duration.ofMillis(intervalMs), Duration.ofSeconds(rescoreSeconds),
                RiskBands.parse(bands), evidenceCandidates, evidenceItems, inferenceThreads);
        return enabled ? settings : settings.disabled();
    }
}
