package org.adrdstream.connect.feed;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * What every feed connector shares: its configuration is checked at start (a bad config fails the connector,
 * not its task later), it runs one task (each feed has state a second task would have to share: a patient
 * directory, a listening port), and it states whether its source supports exactly-once delivery.
 */
public abstract class FeedSourceConnector extends SourceConnector {

    /** The plugin's version, from the jar manifest ("dev" when run from classes). */
    public static final String VERSION = FeedSourceConnector.class.getPackage().getImplementationVersion() == null
            ? "dev" : FeedSourceConnector.class.getPackage().getImplementationVersion();

    private final ConfigDef definition;
    private final Class<? extends Task> taskClass;
    private final ExactlyOnceSupport exactlyOnce;
    private Map<String, String> props;

    protected FeedSourceConnector(ConfigDef definition, Class<? extends Task> taskClass, ExactlyOnceSupport exactlyOnce) {
        this.definition = definition;
        this.taskClass = taskClass;
        this.exactlyOnce = exactlyOnce;
    }

    @Override
    public void start(Map<String, String> props) {
        definition.parse(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return taskClass;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return exactlyOnce;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return definition;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
