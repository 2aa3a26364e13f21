package org.adrdstream.connect.hl7;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Source connector that listens for HL7 v2 messages over MLLP: ADT (A01, A03, A04, A08; A40 merges are
 * refused), ORU^R01 results, RDE/OMP/RAS medication orders and administrations become ClinicalEvents. One
 * task (one port). The sender's acknowledgement is the delivery guarantee; a live socket cannot be replayed,
 * so the connector declares no exactly-once support.
 */
public final class MllpSourceConnector extends SourceConnector {

    static final String VERSION = MllpSourceConnector.class.getPackage().getImplementationVersion() == null
            ? "dev" : MllpSourceConnector.class.getPackage().getImplementationVersion();

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new Hl7SourceConfig(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MllpSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return Hl7SourceConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
