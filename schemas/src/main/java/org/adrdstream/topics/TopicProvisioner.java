package org.adrdstream.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the platform topics that do not exist yet; existing topics, including one another process creates
 * at the same moment, are left exactly as they are.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * Creates the missing topics among {@code specs}.
     *
     * @return names of the topics created
     * @throws IllegalStateException when the cluster refuses or does not answer within 30 s
     */
    public static List<String> ensure(Admin admin, List<TopicSpec> specs, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                var results = admin.createTopics(missing.stream().map(s -> s.toNewTopic(replicationFactor)).toList())
                        .values();
                for (var result : results.entrySet()) {
                    try {
                        result.getValue().get(30, TimeUnit.SECONDS);
                        created.add(result.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        } // created meanwhile by another process (instances starting together): left as it is
                    }
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create platform topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cluster did not answer within 30 s while creating platform topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating platform topics", e);
        }
    }
}
