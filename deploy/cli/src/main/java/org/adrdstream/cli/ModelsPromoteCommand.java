package org.adrdstream.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import org.adrdstream.contract.ModelPromotion;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.modelregistry.ModelRegistry;
import org.adrdstream.registry.client.SchemaRegistryClientConfig;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.scoring.ScoringSettings;
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
 * {@code models.control.v1}; every scoring instance serving NAME loads it and switches between batches.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Puts a model version into service: verifies the package and publishes a ModelPromotion.")
final class ModelsPromoteCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "NAME", description = "Model name in the registry.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "Version to serve.")
    String version;

    @Option(names = "--model-registry", paramLabel = "DIR",
            description = "Registry directory, as the scorers see it; default ~/.adrd/models.")
    Path registry;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "promoted from the command line",
            description = "Why (recorded with the promotion; default: ${DEFAULT-VALUE}).")
    String reason;

    @Override
    public Integer call() throws Exception {
        ModelRegistry models = new ModelRegistry(registry != null ? registry : ScoringSettings.DEFAULT_REGISTRY);
        ModelPackage opened;
        try {
            opened = models.open(name, version);
        } catch (PackageRefusedException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot promote " + name + " " + version + ": "
                    + e.getMessage() + " (see 'adrd models list')");
        }
        ModelPromotion promotion = new ModelPromotion(name, version, opened.directory().toUri().toString(),
                opened.manifest().weightsSha256(), Instant.now(), reason, System.getProperty("user.name"));
        String topic = PlatformTopics.of(cluster.topicPrefix, PlatformTopics.DEFAULT_PARTITIONS).modelControl().name();
        SpecificAvroSerializer<ModelPromotion> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, cluster.registryUrl), false);
        try (KafkaProducer<String, ModelPromotion> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, name, promotion)).get();
        }
        spec.commandLine().getOut().println("promoted " + name + " " + version + " (weights "
                + promotion.getSha256().substring(0, 16) + "…) on " + topic);
        return 0;
    }
}
