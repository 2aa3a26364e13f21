package org.adrdstream.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.ModelPromotion;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.modelregistry.ModelRegistry;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroSerde;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Hot swap through the control topic: a bad package never replaces the model in service; a good one does. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ModelServiceTest {

    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());

    @Test
    void corruptPromotionIsReportedAndTheOldModelKeepsServingUntilAGoodOne(EmbeddedKafkaBroker kafka,
                                                                          @TempDir Path dir) throws Exception {
        ModelRegistry models = new ModelRegistry(dir);
        ModelPackage good = ModelFixtures.copyAsVersion(models, "2");
        ModelPackage bad = ModelFixtures.copyAsVersion(models, "3");
        ModelFixtures.corrupt(bad);
        String topic = TestTopics.unique("models.control");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
            SpecificAvroSerde<ModelPromotion> promotions = SpecificAvroSerde.of(ModelPromotion.class, serde, false);
            ScoringSettings settings = ScoringSettings.defaults(dir).withDevice("cpu", 1);
            try (ModelService service = new ModelService(settings, TASK)
                    .start(kafka.clientProperties(), topic, promotions.deserializer())) {
                assertThat(served(service)).as("nothing promoted yet: the bundled model").isEqualTo(BundledModel.VERSION);

                publish(kafka, topic, promotions, ModelFixtures.promotion(bad));
                await().atMost(Duration.ofSeconds(30)).until(() -> service.lastFailure() != null);
                assertThat(service.lastFailure()).contains("3 refused").contains("corrupt");
                assertThat(served(service)).isEqualTo(BundledModel.VERSION);

                publish(kafka, topic, promotions, ModelFixtures.promotion(good));
                await().atMost(Duration.ofSeconds(30)).until(() -> served(service).equals("2"));
            }
            try (ModelService restarted = new ModelService(settings, TASK)
                    .start(kafka.clientProperties(), topic, promotions.deserializer())) {
                assertThat(served(restarted)).as("a new instance starts on the latest promotion").isEqualTo("2");
            }
        }
    }

    private static String served(ModelService service) {
        ServingModel model = service.acquire();
        try {
            return model.ref().getVersion();
        } finally {
            model.release();
        }
    }

    private static void publish(EmbeddedKafkaBroker kafka, String topic, SpecificAvroSerde<ModelPromotion> serde,
                                ModelPromotion promotion) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        try (KafkaProducer<String, ModelPromotion> producer = new KafkaProducer<>(props, new StringSerializer(),
                serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, promotion.getModelName(), promotion));
        }
    }
}
