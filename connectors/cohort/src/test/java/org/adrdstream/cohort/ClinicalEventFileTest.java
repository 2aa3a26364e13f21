package org.adrdstream.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.cohort.events.ClinicalEventMapper;
import org.adrdstream.cohort.events.EventFileWriter;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClinicalEventFileTest {

    private static final int PATIENTS = 60;
    private static final long SEED = 13;

    @TempDir
    static Path out;
    private static List<ClinicalEvent> events;

    @BeforeAll
    static void generate() throws IOException {
        Cohorts.write(out, PATIENTS, SEED, CohortFormat.EVENTS);
        events = new ArrayList<>();
        try (DataFileReader<ClinicalEvent> reader = new DataFileReader<>(
                out.resolve("events/" + EventFileWriter.FILE).toFile(), new SpecificDatumReader<>(ClinicalEvent.class))) {
            reader.forEach(events::add);
        }
    }

    @Test
    void everyFactBecomesOneEventPlusItsResendAndItsRetraction() {
        long expected = 0;
        Map<String, RecordedFact> facts = new HashMap<>();
        CohortGenerator generator = Cohorts.generator(SEED);
        for (int k = 0; k < PATIENTS; k++) {
            PatientRecord patient = generator.patient(k);
            for (RecordedFact fact : patient.facts()) {
                expected += 1 + (fact.resent() ? 1 : 0) + (fact.isRetracted() ? 1 : 0);
                facts.put(ClinicalEventMapper.eventId("synthetic-hospital", patient, fact), fact);
            }
        }
        assertThat(events).hasSize((int) expected);
        Map<String, List<ClinicalEvent>> byId = new HashMap<>();
        events.forEach(e -> byId.computeIfAbsent(e.getEventId(), id -> new ArrayList<>()).add(e));
        assertThat(byId.keySet()).isEqualTo(facts.keySet());
        byId.forEach((id, copies) -> {
            RecordedFact fact = facts.get(id);
            assertThat(copies.stream().filter(e -> e.getStatus() == EventStatus.ENTERED_IN_ERROR).count())
                    .isEqualTo(fact.isRetracted() ? 1 : 0);
            assertThat(copies).allSatisfy(e -> assertThat(e.getTime()).isEqualTo(fact.time()));
        });
    }

    @Test
    void eventsCarryPseudonymsAndNoIdentifyingData() throws IOException {
        String text = new String(Files.readAllBytes(out.resolve("events/" + EventFileWriter.FILE)), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("MRN0000");
        PatientRecord first = Cohorts.generator(SEED).patient(0);
        assertThat(text).doesNotContain(first.identity().familyName() + "^").doesNotContain(first.identity().street());
        assertThat(events).allSatisfy(e -> assertThat(e.getPatientId()).startsWith(Pseudonymiser.PREFIX));
        List<ClinicalEvent> demographics = events.stream().filter(e -> e.getKind() == EventKind.DEMOGRAPHICS).toList();
        assertThat(demographics).allSatisfy(e -> assertThat(e.getBirthDate()).isNotNull());
        // One demographics record per patient (a re-sent copy keeps its event id).
        assertThat(demographics.stream().map(ClinicalEvent::getPatientId).distinct()).hasSize(PATIENTS);
        assertThat(demographics.stream().map(ClinicalEvent::getEventId).distinct()).hasSize(PATIENTS);
    }

    @Test
    void eachPatientsEventsAreInTheOrderTheFeedSendsThem() {
        Map<String, ClinicalEvent> previous = new HashMap<>();
        for (ClinicalEvent event : events) {
            ClinicalEvent before = previous.put(event.getPatientId(), event);
            if (before != null) {
                assertThat(event.getIngestedAt()).isAfterOrEqualTo(before.getIngestedAt());
            }
        }
        assertThat(previous).hasSize(PATIENTS);
    }
}
