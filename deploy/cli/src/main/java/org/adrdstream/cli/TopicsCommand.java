package org.adrdstream.cli;

import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.adrdstream.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adrd topics}: creates the platform topics on an existing cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Creates the platform topics that are missing on a Kafka cluster (existing ones are left as they are).")
final class TopicsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]", description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Prefix for every platform topic name.")
    String topicPrefix;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "Partitions of the per-patient topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "3",
            description = "Replication factor of new topics (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Mixin
    ClientConfigOption client;

    @Override
    public Integer call() {
        PlatformTopics topics = PlatformTopics.of(topicPrefix, partitions);
        List<String> created;
        Map<String, Object> props = new HashMap<>(client.settings());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(props)) {
            created = TopicProvisioner.ensure(admin, topics.all(), replicationFactor);
        }
        var out = spec.commandLine().getOut();
        for (TopicSpec topic : topics.all()) {
            out.printf("%-8s %-28s %s%n", created.contains(topic.name()) ? "created" : "exists", topic.name(),
                    topic.configs());
        }
        return 0;
    }
}
