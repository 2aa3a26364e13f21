package org.adrdstream.connect.omop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.adrdstream.connect.feed.FeedFixtures;
import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.testkit.fuzz.MalformedInputs;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property: whatever an OMOP CSV row holds (columns missing or extra, quotes unbalanced, dates and numbers
 * absurd), parsing and mapping it gives an event or an {@link UnusableRecordException} with a reason, the one
 * exception the task turns into a dead letter; nothing else escapes to stop the task.
 */
class OmopMappingFuzzTest {

    private record Sample(OmopTable table, String header, String row) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample(OmopTable.PERSON, "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,"
                    + "birth_datetime,person_source_value,gender_source_value", "1,8532,1940,5,1,,MRN-1,F"),
            new Sample(OmopTable.OBSERVATION_PERIOD, "observation_period_id,person_id,observation_period_start_date,"
                    + "observation_period_end_date,period_type_concept_id", "10,1,2000-01-01,2024-12-31,32817"),
            new Sample(OmopTable.VISIT_OCCURRENCE, "visit_occurrence_id,person_id,visit_concept_id,visit_start_date,"
                    + "visit_start_datetime,visit_end_date,visit_end_datetime,visit_source_value",
                    "20,1,9202,2015-03-01,2015-03-01 09:00:00,2015-03-01,2015-03-01 10:00:00,AMB"),
            new Sample(OmopTable.CONDITION_OCCURRENCE, "condition_occurrence_id,person_id,condition_start_date,"
                    + "condition_start_datetime,condition_source_value", "30,1,2015-03-01,,I10"),
            new Sample(OmopTable.DRUG_EXPOSURE, "drug_exposure_id,person_id,drug_exposure_start_date,"
                    + "drug_exposure_start_datetime,drug_source_value", "40,1,2016-04-05,,197361"),
            new Sample(OmopTable.MEASUREMENT, "measurement_id,person_id,measurement_date,measurement_datetime,"
                    + "measurement_source_value,value_as_number,unit_source_value", "50,1,2016-01-02,,2345-7,101.5,mg/dL"),
            new Sample(OmopTable.PROCEDURE_OCCURRENCE, "procedure_occurrence_id,person_id,procedure_date,"
                    + "procedure_datetime,procedure_source_value", "60,1,2019-02-03,,99213"),
            new Sample(OmopTable.DEATH, "person_id,death_date,death_datetime", "1,2024-06-01,"));

    @Test
    void validSamplesMapToEvents() {
        for (Sample sample : SAMPLES) {
            assertThat(map(sample.table(), sample.header(), sample.row())).as(sample.table().tableName()).isNotNull();
        }
    }

    @Test
    void brokenRowsBecomeEventsOrReasons() {
        MalformedInputs.theory().forAll(brokenRows()).checkAssert(broken -> {
            try {
                assertThat(map(broken.table(), broken.header(), broken.row())).isNotNull();
            } catch (UnusableRecordException reason) {
                assertThat(reason.getMessage()).isNotBlank();
                assertThat(reason.stage()).isNotNull();
            }
        });
    }

    private static Gen<Sample> brokenRows() {
        Gen<String> rows = MalformedInputs.mutationsOf(SAMPLES.stream().map(Sample::row).toList(), ",\"-:. ");
        return in -> {
            Sample sample = SAMPLES.get(MalformedInputs.draw(in, 0, SAMPLES.size() - 1));
            String row = rows.generate(in);
            return new Sample(sample.table(), sample.header(), row.replace('\n', ' ').replace('\r', ' '));
        };
    }

    /** The row's event; the person table's first sample is known, as the task loads person.csv first. */
    private static ClinicalEvent map(OmopTable table, String header, String row) {
        OmopSourceConfig config = new OmopSourceConfig(FeedFixtures.settings(Map.of(OmopSourceConfig.DIRECTORY_CONFIG, "/omop")));
        Persons persons = new Persons();
        OmopRowMapper mapper = new OmopRowMapper(config, FeedFixtures.records(config, SourceFormat.OMOP_CDM), persons);
        Sample person = SAMPLES.get(0);
        persons.put("1", mapper.person(CsvRow.parse(new CsvRow.Header(person.header()), person.row())));
        return mapper.map(table, CsvRow.parse(new CsvRow.Header(header), row));
    }
}
