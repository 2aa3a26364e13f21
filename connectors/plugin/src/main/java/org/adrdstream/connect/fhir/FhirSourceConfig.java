package org.adrdstream.connect.fhir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.adrdstream.connect.feed.FeedConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration of the FHIR R4 file source connector (plus the shared feed settings). */
public final class FhirSourceConfig extends FeedConfig {

    public static final String DIRECTORY_CONFIG = "fhir.directory";
    private static final String DIRECTORY_DOC = "Directory to read: Bulk Data NDJSON files (*.ndjson, one resource "
            + "per line) and Bundles or single resources (*.json). Files that appear later are read too.";

    public static final String SCAN_INTERVAL_MS_CONFIG = "fhir.scan.interval.ms";
    private static final String SCAN_INTERVAL_MS_DOC = "How often the directory is scanned for new files once "
            + "everything found has been read.";

    public static final String IDENTIFIER_TYPE_CONFIG = "fhir.patient.identifier.type";
    private static final String IDENTIFIER_TYPE_DOC = "Identifier.type code (v2-0203) of the Patient identifier "
            + "to pseudonymise; the first identifier with a system is used when none has this type.";

    public static final String BATCH_RECORDS_CONFIG = "fhir.batch.records";
    private static final String BATCH_RECORDS_DOC = "Records returned per poll.";

    public static final String EXPORT_URL_CONFIG = "fhir.export.url";
    private static final String EXPORT_URL_DOC = "FHIR server base URL to run a Bulk Data export ($export) against; "
            + "the downloaded NDJSON lands in a bulk-<time> folder of fhir.directory and is read like any other file. "
            + "Empty: no export, only files placed in the directory.";

    public static final String EXPORT_TOKEN_CONFIG = "fhir.export.bearer.token";
    private static final String EXPORT_TOKEN_DOC = "Bearer access token for the export (e.g. '${env:FHIR_TOKEN}').";

    public static final String EXPORT_TYPES_CONFIG = "fhir.export.types";
    private static final String EXPORT_TYPES_DOC = "Resource types to export (_type).";

    public static final String EXPORT_INTERVAL_MS_CONFIG = "fhir.export.interval.ms";
    private static final String EXPORT_INTERVAL_MS_DOC = "Run an incremental export (_since the last one's transaction "
            + "time) this often; 0 exports once when the task starts.";

    public static final String EXPORT_TIMEOUT_MS_CONFIG = "fhir.export.timeout.ms";
    private static final String EXPORT_TIMEOUT_MS_DOC = "How long one export may take before it is retried later.";

    public static final ConfigDef CONFIG_DEF = FeedConfig.define(new ConfigDef())
            .define(DIRECTORY_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, DIRECTORY_DOC)
            .define(SCAN_INTERVAL_MS_CONFIG, Type.LONG, 5_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                    SCAN_INTERVAL_MS_DOC)
            .define(IDENTIFIER_TYPE_CONFIG, Type.STRING, "MR", Importance.MEDIUM, IDENTIFIER_TYPE_DOC)
            .define(BATCH_RECORDS_CONFIG, Type.INT, 2_000, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                    BATCH_RECORDS_DOC)
            .define(EXPORT_URL_CONFIG, Type.STRING, "", Importance.HIGH, EXPORT_URL_DOC)
            .define(EXPORT_TOKEN_CONFIG, Type.PASSWORD, "", Importance.HIGH, EXPORT_TOKEN_DOC)
            .define(EXPORT_TYPES_CONFIG, Type.LIST, "Patient,Coverage,Encounter,Condition,MedicationRequest,"
                    + "MedicationStatement,MedicationAdministration,Medication,Observation,Procedure", Importance.MEDIUM,
                    EXPORT_TYPES_DOC)
            .define(EXPORT_INTERVAL_MS_CONFIG, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    EXPORT_INTERVAL_MS_DOC)
            .define(EXPORT_TIMEOUT_MS_CONFIG, Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                    EXPORT_TIMEOUT_MS_DOC);

    public FhirSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public Path directory() {
        return Path.of(getString(DIRECTORY_CONFIG));
    }

    public Duration scanInterval() {
        return Duration.ofMillis(getLong(SCAN_INTERVAL_MS_CONFIG));
    }

    public String identifierType() {
        return getString(IDENTIFIER_TYPE_CONFIG);
    }

    public int batchRecords() {
        return getInt(BATCH_RECORDS_CONFIG);
    }

    public String exportUrl() {
        return getString(EXPORT_URL_CONFIG);
    }

    public String exportToken() {
        return getPassword(EXPORT_TOKEN_CONFIG).value();
    }

    public java.util.List<String> exportTypes() {
        return getList(EXPORT_TYPES_CONFIG);
    }

    public Duration exportInterval() {
        return Duration.ofMillis(getLong(EXPORT_INTERVAL_MS_CONFIG));
    }

    public Duration exportTimeout() {
        return Duration.ofMillis(getLong(EXPORT_TIMEOUT_MS_CONFIG));
    }
}
