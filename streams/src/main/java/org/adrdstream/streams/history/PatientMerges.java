package org.adrdstream.streams.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.adrdstream.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The application's merge topic, {@code <application.id>-patient-merges}: a MERGE arrives keyed by the retired
 * pseudonym, but the survivor's history may live on another partition, so the assembler sends the retired
 * history (and every later event for the retired pseudonym) there as a {@link MergeMessage} keyed by the
 * survivor, and reads it back like an event. The topic has the partition count of {@code clinical.events.v1},
 * so a survivor's messages reach the task that holds its history. It belongs to the application, like
 * Streams' own changelogs: a new application id (a rebuild by replay) starts a new one.
 */
public final class PatientMerges {

    /** Passes along a chain of merges before the chain is taken for a cycle and dead-lettered. */
    static final int MAX_HOPS = 16;
    /**
     * Largest merge message (the topic's {@code max.message.bytes}, and the producer's request size): a transfer
     * holds up to the history cap of events plus the re-send horizon's retraction and fold markers, about 80
     * bytes each, so 64 MiB holds some 800,000 markers.
     */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    private static final String SUFFIX = "-patient-merges";

    private PatientMerges() {
    }

    /** The merge topic of {@code applicationId}, shaped like {@code clinical.events.v1} as configured. */
    public static TopicSpec topic(String applicationId, PlatformTopics topics) {
        TopicSpec events = topics.clinicalEvents();
        Map<String, String> configs = new HashMap<>(events.configs());
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
        return new TopicSpec(applicationId + SUFFIX, events.partitions(), configs,
                "merged histories and events forwarded to surviving patients (internal to " + applicationId + ")");
    }

    /**
     * Creates the merge topic with the partition count {@code clinical.events.v1} has on the cluster, or checks
     * that the existing one has it.
     *
     * @throws IllegalStateException when the events topic is missing or the partition counts differ
     */
    public static void ensure(Admin admin, String applicationId, PlatformTopics topics, short replicationFactor) {
        TopicSpec configured = topic(applicationId, topics);
        String events = topics.clinicalEvents().name();
        int partitions = partitions(admin, events).orElseThrow(() -> new IllegalStateException("topic " + events
                + " does not exist: create the platform topics first (adrd topics --bootstrap-servers ...)"));
        TopicSpec merges = new TopicSpec(configured.name(), partitions, configured.configs(), configured.purpose());
        TopicProvisioner.ensure(admin, List.of(merges), replicationFactor);
        int existing = partitions(admin, merges.name()).orElse(partitions);
        if (existing != partitions) {
            throw new IllegalStateException("topic " + merges.name() + " has " + existing + " partitions but " + events
                    + " has " + partitions + ": a survivor's merges would reach a task that does not hold its "
                    + "history. Delete " + merges.name() + " while the application is stopped (it is rebuilt from "
                    + "the events on replay), or give it " + partitions + " partitions");
        }
    }

    private static OptionalInt partitions(Admin admin, String topic) {
        try {
            Map<String, TopicDescription> described =
                    admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
            return OptionalInt.of(described.get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return OptionalInt.empty();
            }
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cluster did not answer within 30 s describing topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing topic " + topic, e);
        }
    }
}
