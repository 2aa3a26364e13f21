package org.adrdstream.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.contract.EventKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmopOutputTest {

    /** Column lists of OMOP CDM v5.4 (OMOP_CDM_v5_4 DDL, OHDSI CommonDataModel), written out independently. */
    private static final Map<String, String> CDM_V54_HEADERS = Map.of(
            "person", "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,"
                    + "race_concept_id,ethnicity_concept_id,location_id,provider_id,care_site_id,person_source_value,"
                    + "gender_source_value,gender_source_concept_id,race_source_value,race_source_concept_id,"
                    + "ethnicity_source_value,ethnicity_source_concept_id",
            "observation_period", "observation_period_id,person_id,observation_period_start_date,"
                    + "observation_period_end_date,period_type_concept_id",
            "visit_occurrence", "visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_start_datetime,"
                    + "visit_end_date,visit_end_datetime,visit_type_concept_id,provider_id,care_site_id,"
                    + "visit_source_value,visit_source_concept_id,admitted_from_concept_id,admitted_from_source_value,"
                    + "discharged_to_concept_id,discharged_to_source_value,preceding_visit_occurrence_id",
            "condition_occurrence", "condition_occurrence_id,person_id,condition_concept_id,condition_start_date,"
                    + "condition_start_datetime,condition_end_date,condition_end_datetime,condition_type_concept_id,"
                    + "condition_status_concept_id,stop_reason,provider_id,visit_occurrence_id,visit_detail_id,"
                    + "condition_source_value,condition_source_concept_id,condition_status_source_value",
            "drug_exposure", "drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,"
                    + "drug_exposure_start_datetime,drug_exposure_end_date,drug_exposure_end_datetime,verbatim_end_date,"
                    + "drug_type_concept_id,stop_reason,refills,quantity,days_supply,sig,route_concept_id,lot_number,"
                    + "provider_id,visit_occurrence_id,visit_detail_id,drug_source_value,drug_source_concept_id,"
                    + "route_source_value,dose_unit_source_value",
            "measurement", "measurement_id,person_id,measurement_concept_id,measurement_date,measurement_datetime,"
                    + "measurement_time,measurement_type_concept_id,operator_concept_id,value_as_number,"
                    + "value_as_concept_id,unit_concept_id,range_low,range_high,provider_id,visit_occurrence_id,"
                    + "visit_detail_id,measurement_source_value,measurement_source_concept_id,unit_source_value,"
                    + "unit_source_concept_id,value_source_value,measurement_event_id,meas_event_field_concept_id",
            "procedure_occurrence", "procedure_occurrence_id,person_id,procedure_concept_id,procedure_date,"
                    + "procedure_datetime,procedure_end_date,procedure_end_datetime,procedure_type_concept_id,"
                    + "modifier_concept_id,quantity,provider_id,visit_occurrence_id,visit_detail_id,"
                    + "procedure_source_value,procedure_source_concept_id,modifier_source_value",
            "death", "person_id,death_date,death_datetime,death_type_concept_id,cause_concept_id,cause_source_value,"
                    + "cause_source_concept_id");

    private static final int PATIENTS = 50;
    private static final long SEED = 9;

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        Cohorts.write(out, PATIENTS, SEED, CohortFormat.OMOP);
    }

    @Test
    void everyTableHasTheCdmColumnsAndEveryRowTheirNumber() throws IOException {
        for (var table : CDM_V54_HEADERS.entrySet()) {
            List<String> lines = Files.readAllLines(out.resolve("omop/" + table.getKey() + ".csv"));
            assertThat(lines.get(0)).as(table.getKey()).isEqualTo(table.getValue());
            int columns = table.getValue().split(",").length;
            for (String line : lines.subList(1, lines.size())) {
                assertThat(line.split(",", -1)).as(table.getKey() + ": " + line).hasSize(columns);
            }
        }
    }

    @Test
    void rowsReferToPersonsAndVisitsThatExistAndIdsAreUnique() throws IOException {
        Set<String> persons = firstColumn("person");
        assertThat(persons).hasSize(PATIENTS);
        Set<String> visits = firstColumn("visit_occurrence");
        for (String table : List.of("condition_occurrence", "drug_exposure", "measurement", "procedure_occurrence")) {
            List<String> lines = Files.readAllLines(out.resolve("omop/" + table + ".csv"));
            List<String> header = List.of(lines.get(0).split(","));
            int visitColumn = header.indexOf("visit_occurrence_id");
            Set<String> ids = new HashSet<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] row = line.split(",", -1);
                assertThat(ids.add(row[0])).as("unique id in " + table).isTrue();
                assertThat(persons).contains(row[1]);
                assertThat(visits).contains(row[visitColumn]);
            }
        }
    }

    @Test
    void retractedFactsAndResentDuplicatesAreNotInTheSnapshot() throws IOException {
        List<String> conditions = Files.readAllLines(out.resolve("omop/condition_occurrence.csv"));
        long expected = 0;
        CohortGenerator generator = Cohorts.generator(SEED);
        for (int k = 0; k < PATIENTS; k++) {
            PatientRecord patient = generator.patient(k);
            for (RecordedFact fact : patient.facts()) {
                if (fact.kind() == EventKind.DIAGNOSIS && !fact.isRetracted()) {
                    expected++;
                }
            }
        }
        assertThat(conditions).hasSize((int) expected + 1);
    }

    private static Set<String> firstColumn(String table) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("omop/" + table + ".csv"));
        Set<String> values = new HashSet<>();
        lines.subList(1, lines.size()).forEach(line -> values.add(line.split(",", 2)[0]));
        return values;
    }
}
