package org.adrdstream.connect.fhir;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Source connector for FHIR R4 files: Bulk Data NDJSON and Bundles (transaction, collection, batch, or
 * any other) from a directory, parsed with HAPI FHIR. Patient, Encounter, Condition, MedicationRequest,
 * MedicationStatement, MedicationAdministration, Observation, Procedure and Coverage become ClinicalEvents.
 * One task (resources refer to patients read earlier). Offsets are file, unit and record, so the source
 * supports Connect's exactly-once delivery where the worker enables it.
 */
public final class FhirSourceConnector extends SourceConnector {

    static final String VERSION = FhirSourceConnector.class.getPackage().getImplementationVersion() == null
            ? "dev" : FhirSourceConnector.class.getPackage().getImplementationVersion();

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new FhirSourceConfig(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FhirSourceTask.class;
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
        return FhirSourceConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
