package org.adrdstream.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.adrdstream.serde.SpecificAvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adrd consume TOPIC}: prints a platform topic's records decoded through the schema registry, one per
 * line as {@code key<TAB>value as JSON}, read committed and without a consumer group (it commits nothing).
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Prints a topic's records (e.g. adrd.risk.v1) decoded through the schema registry, one per line "
                + "as KEY<TAB>JSON, from the end (new records) or --from-beginning; until Ctrl-C, --max records or "
                + "--idle-timeout-s without a record."})
final class ConsumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to read, e.g. adrd.risk.v1.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the end.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0", description = "Stop after N records (0: no limit).")
    long max;

    @Option(names = "--idle-timeout-s", paramLabel = "S", defaultValue = "0",
            description = "Stop after S seconds without a record (0: run until Ctrl-C).")
    long idleTimeoutSeconds;

    @Override
    public Integer call() {
        if (max < 0 || idleTimeoutSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--max and --idle-timeout-s must be 0 or more");
        }
        Map<String, Object> props = cluster.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "adrd-consume");
        SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
        values.configure(props, false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (values; KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no topic '" + topic + "' on " + cluster.bootstrapServers
                        + "; the platform topics are listed by 'adrd demo' at start and created by 'adrd topics'");
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            if (fromBeginning) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            long printed = 0;
            long idleSince = System.nanoTime();
            while (max == 0 || printed < max) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty() && idleTimeoutSeconds > 0
                        && System.nanoTime() - idleSince > Duration.ofSeconds(idleTimeoutSeconds).toNanos()) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    idleSince = System.nanoTime();
                    print(out, err, values, record);
                    if (max > 0 && ++printed >= max) {
                        break;
                    }
                }
                out.flush();
            }
        }
        return 0;
    }

    private static void print(PrintWriter out, PrintWriter err, SpecificAvroDeserializer<SpecificRecord> values,
                              ConsumerRecord<String, byte[]> record) {
        try {
            SpecificRecord value = values.deserialize(record.topic(), record.value());
            out.println(record.key() + "\t" + value);
        } catch (SerializationException e) {
            err.printf("%s-%d@%d: cannot decode: %s%n", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }
}
