package org.adrdstream.connect.omop;

import java.nio.file.Path;
import java.util.Map;

import org.adrdstream.connect.feed.FeedConfig;
import org.adrdstream.contract.CodeSystem;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration of the OMOP CDM v5.4 CSV source connector (plus the shared feed settings). */
public final class OmopSourceConfig extends FeedConfig {

    public static final String DIRECTORY_CONFIG = "omop.directory";
    private static final String DIRECTORY_DOC = "Directory holding the CDM tables as CSV with a header row: "
            + "person.csv, observation_period.csv, visit_occurrence.csv, condition_occurrence.csv, drug_exposure.csv, "
            + "measurement.csv, procedure_occurrence.csv, death.csv (missing tables are skipped).";

    public static final String PERSON_ISSUER_CONFIG = "omop.person.identifier.system";
    private static final String PERSON_ISSUER_DOC = "Issuer (identifier system) of person_source_value, so that the "
            + "pseudonym matches the one the site's FHIR or HL7 feeds give the same patient. Empty: "
            + "'urn:adrd-stream:<feed.name>:mrn'. Persons without a source value are pseudonymised from person_id.";

    public static final String CONDITION_SYSTEM_CONFIG = "omop.condition.source.system";
    public static final String DRUG_SYSTEM_CONFIG = "omop.drug.source.system";
    public static final String MEASUREMENT_SYSTEM_CONFIG = "omop.measurement.source.system";
    public static final String PROCEDURE_SYSTEM_CONFIG = "omop.procedure.source.system";
    private static final String SYSTEM_DOC = "Code system of the table's *_source_value column: one of ICD10CM, "
            + "ICD9CM, SNOMEDCT, RXNORM, LOINC, CPT, ATC.";

    public static final String BATCH_RECORDS_CONFIG = "omop.batch.records";
    private static final String BATCH_RECORDS_DOC = "Rows read per poll.";

    public static final ConfigDef CONFIG_DEF = FeedConfig.define(new ConfigDef())
            .define(DIRECTORY_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, DIRECTORY_DOC)
            .define(PERSON_ISSUER_CONFIG, Type.STRING, "", Importance.HIGH, PERSON_ISSUER_DOC)
            .define(CONDITION_SYSTEM_CONFIG, Type.STRING, CodeSystem.ICD10CM.name(), codeSystems(), Importance.MEDIUM, SYSTEM_DOC)
            .define(DRUG_SYSTEM_CONFIG, Type.STRING, CodeSystem.RXNORM.name(), codeSystems(), Importance.MEDIUM, SYSTEM_DOC)
            .define(MEASUREMENT_SYSTEM_CONFIG, Type.STRING, CodeSystem.LOINC.name(), codeSystems(), Importance.MEDIUM, SYSTEM_DOC)
            .define(PROCEDURE_SYSTEM_CONFIG, Type.STRING, CodeSystem.CPT.name(), codeSystems(), Importance.MEDIUM, SYSTEM_DOC)
            .define(BATCH_RECORDS_CONFIG, Type.INT, 2_000, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                    BATCH_RECORDS_DOC);

    public OmopSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef.Validator codeSystems() {
        return ConfigDef.ValidString.in("ICD10CM", "ICD9CM", "SNOMEDCT", "RXNORM", "LOINC", "CPT", "ATC");
    }

    public Path directory() {
        return Path.of(getString(DIRECTORY_CONFIG));
    }

    public String personIssuer() {
        String issuer = getString(PERSON_ISSUER_CONFIG);
        return issuer.isBlank() ? defaultMrnSystem() : issuer;
    }

    public CodeSystem conditionSystem() {
        return CodeSystem.valueOf(getString(CONDITION_SYSTEM_CONFIG));
    }

    public CodeSystem drugSystem() {
        return CodeSystem.valueOf(getString(DRUG_SYSTEM_CONFIG));
    }

    public CodeSystem measurementSystem() {
        return CodeSystem.valueOf(getString(MEASUREMENT_SYSTEM_CONFIG));
    }

    public CodeSystem procedureSystem() {
        return CodeSystem.valueOf(getString(PROCEDURE_SYSTEM_CONFIG));
    }

    public int batchRecords() {
        return getInt(BATCH_RECORDS_CONFIG);
    }
}
