package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.adrdstream.embedded.EmbeddedPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka's own command-line tools, run as separate processes, work against the embedded platform. */
class KafkaToolsTest {

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(90);
    private static EmbeddedPlatform platform;

    @BeforeAll
    static void startPlatform(@TempDir Path dataDir) {
        platform = EmbeddedPlatform.builder().dataDir(dataDir).kafkaPort(0).controllerPort(0).registryPort(0)
                .build().start();
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @Test
    void consoleProducerAndConsumerExchangeRecords() {
        String topic = "console-tools-check";
        try (ChildJvm producer = ChildJvm.start("org.apache.kafka.tools.ConsoleProducer",
                "--bootstrap-server", platform.bootstrapServers(), "--topic", topic)) {
            producer.input("first\nsecond\nthird\n");
            assertThat(producer.awaitExit(TOOL_TIMEOUT)).as(producer.output()).isZero();
        }

        try (ChildJvm consumer = ChildJvm.start("org.apache.kafka.tools.consumer.ConsoleConsumer",
                "--bootstrap-server", platform.bootstrapServers(), "--topic", topic, "--from-beginning",
                "--max-messages", "3")) {
            assertThat(consumer.awaitExit(TOOL_TIMEOUT)).as(consumer.output()).isZero();
            assertThat(consumer.output().lines()).containsSubsequence("first", "second", "third");
        }
    }

    @Test
    void topicToolDescribesTheCompactedHistoryTopic() {
        String topic = platform.topics().patientHistories().name();
        try (ChildJvm describe = ChildJvm.start("org.apache.kafka.tools.TopicCommand",
                "--bootstrap-server", platform.bootstrapServers(), "--describe", "--topic", topic)) {
            assertThat(describe.awaitExit(TOOL_TIMEOUT)).as(describe.output()).isZero();
            assertThat(describe.output()).contains("Topic: " + topic).contains("cleanup.policy=compact")
                    .contains("PartitionCount: 6");
        }
    }
}
