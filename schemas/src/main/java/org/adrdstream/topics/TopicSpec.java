package org.adrdstream.topics;

import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * A platform topic as docs/DESIGN.md section 3 defines it: name, partition count and topic-level configs
 * (cleanup policy, retention).
 *
 * @param name       topic name, prefix included
 * @param partitions partition count when the platform creates the topic
 * @param configs    topic-level configs applied at creation
 * @param purpose    one line on what the topic carries, printed by {@code adrd topics}
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, String purpose) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for topic " + name);
        }
        configs = Map.copyOf(configs);
    }

    /** The admin request that creates this topic with the given replication factor. */
    public NewTopic toNewTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
