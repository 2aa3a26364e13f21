package org.adrdstream.dashboard.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The streams application's consumer lag per input topic: the last stable offset (read committed, so
 * transaction markers do not count as lag) minus the group's committed offset, summed over partitions. A
 * partition the group has not committed yet counts from its start offset.
 */
public final class ConsumerLag {

    private static final long TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final String groupId;
    private final List<String> topics;

    /** @param groupId the streams application id */
    public ConsumerLag(Admin admin, String groupId, List<String> topics) {
        this.admin = admin;
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
    }

    /** Lag per topic, in name order; empty when the cluster did not answer in time. */
    public Map<String, Long> perTopic() {
        try {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).values()) {
                for (TopicPartitionInfo partition : description.partitions()) {
                    TopicPartition tp = new TopicPartition(description.name(), partition.partition());
                    ends.put(tp, OffsetSpec.latest());
                    starts.put(tp, OffsetSpec.earliest());
                }
            }
            ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            var endOffsets = admin.listOffsets(ends, committedOnly).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            var startOffsets = admin.listOffsets(starts, committedOnly).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<String, Long> lag = new TreeMap<>();
            endOffsets.forEach((tp, end) -> {
                OffsetAndMetadata done = committed.get(tp);
                long from = done != null ? done.offset() : startOffsets.get(tp).offset();
                lag.merge(tp.topic(), Math.max(0, end.offset() - from), Long::sum);
            });
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }
}
