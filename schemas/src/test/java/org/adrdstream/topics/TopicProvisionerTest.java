package org.adrdstream.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class TopicProvisionerTest {

    private static final int PROCESSES = 4;

    /** Instances starting together all ensure the same topic: one creates it, none fails. */
    @Test
    void processesEnsuringOneTopicAtOnceAllSucceedAndOneCreatesIt(EmbeddedKafkaBroker kafka) throws Exception {
        TopicSpec spec = new TopicSpec(TestTopics.unique("race"), 3, Map.of(), "a topic several processes ensure");
        ExecutorService pool = Executors.newFixedThreadPool(PROCESSES);
        try {
            List<Callable<List<String>>> ensures = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                ensures.add(() -> {
                    try (Admin admin = Admin.create(kafka.clientProperties())) {
                        return TopicProvisioner.ensure(admin, List.of(spec), (short) 1);
                    }
                });
            }
            List<String> created = new ArrayList<>();
            for (Future<List<String>> result : pool.invokeAll(ensures)) {
                created.addAll(result.get());
            }
            assertThat(created).as("reported as created once, whoever won").containsExactly(spec.name());
        } finally {
            pool.shutdownNow();
        }
    }
}
