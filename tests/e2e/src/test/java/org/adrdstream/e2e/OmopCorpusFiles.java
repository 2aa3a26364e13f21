package org.adrdstream.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cohort.omop.OmopTable;
import org.adrdstream.e2e.MalformedCorpus.Case;

/**
 * The OMOP corpus as a CDM directory: every table's header (the generator's column order), and each malformed
 * row followed by a good row of the same table, so that each case has a line number and neighbours to check.
 */
final class OmopCorpusFiles {

    /** The valid person every case's row refers to ({@code {PERSON}}), born 1940-05-01. */
    static final String PERSON = "1";
    private static final int FIRST_GOOD_ID = 5000;

    private final Map<Case, Integer> lines = new HashMap<>();
    private final List<String> goodRecords = new ArrayList<>();

    private OmopCorpusFiles() {
    }

    static OmopCorpusFiles write(List<Case> cases, Path dir) throws IOException {
        OmopCorpusFiles files = new OmopCorpusFiles();
        Map<OmopTable, List<String>> rows = new LinkedHashMap<>();
        for (OmopTable table : OmopTable.values()) {
            rows.put(table, new ArrayList<>(List.of(String.join(",", table.columns()))));
        }
        rows.get(OmopTable.PERSON).add(row(OmopTable.PERSON, Map.of("person_id", PERSON, "gender_concept_id", "8532",
                "year_of_birth", "1940", "month_of_birth", "5", "day_of_birth", "1", "person_source_value", "MRN-O-1")));
        files.goodRecords.add("person/" + PERSON);
        int good = FIRST_GOOD_ID;
        for (Case c : cases) {
            OmopTable table = OmopTable.valueOf(c.table().toUpperCase(java.util.Locale.ROOT));
            List<String> lines = rows.get(table);
            lines.add(c.text().replace("{PERSON}", PERSON));
            files.lines.put(c, lines.size()); // 1-based: the header is line 1
            files.addGood(rows, table, good++);
        }
        for (Map.Entry<OmopTable, List<String>> table : rows.entrySet()) {
            Files.writeString(dir.resolve(table.getKey().fileName()), String.join("\n", table.getValue()) + "\n",
                    StandardCharsets.UTF_8);
        }
        return files;
    }

    /** The 1-based line of a case's row in its table's file. */
    Integer lineOf(Case c) {
        return lines.get(c);
    }

    /** Record references ({@code table/id}) of the good rows, whose events must arrive. */
    List<String> goodRecords() {
        return goodRecords;
    }

    private void addGood(Map<OmopTable, List<String>> rows, OmopTable table, int id) {
        String person = PERSON;
        if (table == OmopTable.DEATH || table == OmopTable.PERSON) {
            // one death per person, and a good person row is a new person: each gets a person of its own
            person = Integer.toString(id);
            rows.get(OmopTable.PERSON).add(row(OmopTable.PERSON, Map.of("person_id", person, "gender_concept_id", "8507",
                    "year_of_birth", "1945", "month_of_birth", "2", "day_of_birth", "3", "person_source_value", "MRN-O-" + id)));
            goodRecords.add("person/" + person);
            if (table == OmopTable.PERSON) {
                return;
            }
        }
        String value = Integer.toString(id);
        Map<String, String> good = switch (table) {
            case OBSERVATION_PERIOD -> Map.of("observation_period_id", value, "observation_period_start_date", "2000-01-01",
                    "observation_period_end_date", "2024-12-31");
            case VISIT_OCCURRENCE -> Map.of("visit_occurrence_id", value, "visit_concept_id", "9202", "visit_start_date",
                    "2018-01-01", "visit_end_date", "2018-01-01", "visit_source_value", "AMB");
            case CONDITION_OCCURRENCE -> Map.of("condition_occurrence_id", value, "condition_start_date", "2015-03-01",
                    "condition_source_value", "I10");
            case DRUG_EXPOSURE -> Map.of("drug_exposure_id", value, "drug_exposure_start_date", "2017-04-05",
                    "drug_exposure_end_date", "2017-05-05", "drug_source_value", "197361");
            case MEASUREMENT -> Map.of("measurement_id", value, "measurement_date", "2016-01-02", "value_as_number", "6.1",
                    "measurement_source_value", "4548-4", "unit_source_value", "%");
            case PROCEDURE_OCCURRENCE -> Map.of("procedure_occurrence_id", value, "procedure_date", "2019-02-03",
                    "procedure_source_value", "99213");
            case DEATH -> Map.of("death_date", "2024-06-01");
            case PERSON -> throw new IllegalStateException("handled above");
        };
        Map<String, String> withPerson = new HashMap<>(good);
        withPerson.put("person_id", person);
        rows.get(table).add(row(table, withPerson));
        goodRecords.add(table.tableName() + "/" + (table == OmopTable.DEATH ? person : value));
    }

    private static String row(OmopTable table, Map<String, String> values) {
        return String.join(",", table.columns().stream().map(column -> values.getOrDefault(column, "")).toList());
    }
}
