package org.adrdstream.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import org.adrdstream.contract.ModelPromotion;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.modelregistry.ModelRegistry;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.study.run.ConfigurationResult;
import org.adrdstream.study.run.ResultsLog;
import org.adrdstream.topics.PlatformTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code adrd models promote NAME VERSION}: verifies the package, then publishes a {@code ModelPromotion} to
 * {@code models.control.v1}; every scoring instance serving NAME loads it and switches between batches. With
 * {@code --best EXPERIMENT_DIR} the package is first taken from a study: its best configuration by validation
 * AUROC, copied into the registry (docs/study.md, "Retraining").
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Puts a model version into service: verifies the package and publishes a ModelPromotion.")
final class ModelsPromoteCommand implements Callable<Integer> {

    static final String BEST_NAME = "adrd-study";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Model name in the registry.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "Version to serve.")
    String version;

    @Option(names = "--best", paramLabel = "EXPERIMENT_DIR",
            description = {"Instead of an existing version: the finished configuration of an 'adrd experiment' output with the "
                    + "highest validation AUROC, copied into the registry as NAME (default " + BEST_NAME + ") version "
                    + "<configuration id> (or VERSION), then promoted. Rerunning it for the same best is harmless."})
    Path best;

    @Option(names = "--model-registry", paramLabel = "DIR",
            description = "Registry directory, as the scorers see it; default ~/.adrd/models.")
    Path registry;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "promoted from the command line",
            description = "Why (recorded with the promotion; default: ${DEFAULT-VALUE}).")
    String reason;

    @Override
    public Integer call() throws Exception {
        ModelRegistry models = new ModelRegistry(registry != null ? registry : ScoringSettings.DEFAULT_REGISTRY);
        ModelPackage opened = best != null ? addBest(models) : existing(models);
        String name = opened.manifest().name();
        String version = opened.manifest().version();
        ModelPromotion promotion = new ModelPromotion(name, version, opened.directory().toUri().toString(),
                opened.manifest().weightsSha256(), Instant.now(), reason, System.getProperty("user.name"));
        String topic = PlatformTopics.of(cluster.topicPrefix, PlatformTopics.DEFAULT_PARTITIONS).modelControl().name();
        SpecificAvroSerializer<ModelPromotion> serializer = new SpecificAvroSerializer<>();
        Map<String, Object> props = cluster.clientProperties();
        serializer.configure(props, false);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, ModelPromotion> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, name, promotion)).get();
        }
        spec.commandLine().getOut().println("promoted " + name + " " + version + " (weights "
                + promotion.getSha256().substring(0, 16) + "…) on " + topic);
        return 0;
    }

    private ModelPackage existing(ModelRegistry models) {
        if (name == null || version == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "name the model: NAME VERSION, or --best EXPERIMENT_DIR");
        }
        try {
            return models.open(name, version);
        } catch (PackageRefusedException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot promote " + name + " " + version + ": "
                    + e.getMessage() + " (see 'adrd models list')");
        }
    }

    /** Copies the experiment's best model into the registry (once; a rerun finds the same copy) and returns it. */
    private ModelPackage addBest(ModelRegistry models) throws Exception {
        ConfigurationResult chosen = new ResultsLog(best).bestByValidationAuroc().orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "--best: no finished model configuration in "
                        + best.resolve(ResultsLog.FILE) + " (run 'adrd experiment --out " + best + "' first)"));
        String targetName = name != null ? name : BEST_NAME;
        String targetVersion = version != null ? version : chosen.id();
        ModelPackage source = ModelPackage.open(Path.of(chosen.model()));
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "best: %s %s, validation AUROC %.3f, test AUROC %.3f%n",
                chosen.id(), chosen.configuration(), chosen.training().get("validation_auroc"),
                chosen.test().get("auroc").value());
        if (java.nio.file.Files.exists(models.directory(targetName, targetVersion).resolve(ModelPackage.MANIFEST))) {
            return models.open(targetName, targetVersion).requireIdentity(targetName, targetVersion,
                    source.manifest().weightsSha256());
        }
        return models.add(source, targetName, targetVersion);
    }
}
