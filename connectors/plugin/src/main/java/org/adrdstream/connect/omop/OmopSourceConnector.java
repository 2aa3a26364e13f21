package org.adrdstream.connect.omop;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Source connector for an OMOP CDM v5.4 extract as CSV files: one ClinicalEvent per row of person,
 * observation_period, visit_occurrence, condition_occurrence, drug_exposure, measurement,
 * procedure_occurrence and death. One task (the tables share the person directory). Offsets are file and
 * line, so the source supports Connect's exactly-once delivery where the worker enables it.
 */
public final class OmopSourceConnector extends SourceConnector {

    static final String VERSION = OmopSourceConnector.class.getPackage().getImplementationVersion() == null
            ? "dev" : OmopSourceConnector.class.getPackage().getImplementationVersion();

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new OmopSourceConfig(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OmopSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return OmopSourceConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
