package org.adrdstream.cohort.hl7;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;

/**
 * Writes each patient's HL7 v2.5.1 messages, in the order the interface engine would send them, MLLP-framed
 * ({@code 0x0B message 0x1C 0x0D}) into {@code hl7/messages.mllp}: a file an MLLP client can replay as is.
 * Records the source sends twice are sent twice (same control id), as after a lost acknowledgement.
 */
public final class Hl7Writer implements CohortWriter {

    public static final String FILE = "messages.mllp";
    static final byte START_BLOCK = 0x0B;
    static final byte END_BLOCK = 0x1C;
    static final byte CARRIAGE_RETURN = 0x0D;

    private final Hl7Messages messages;
    private final OutputStream out;

    public Hl7Writer(Path directory, String feed) throws IOException {
        Files.createDirectories(directory);
        this.messages = new Hl7Messages(feed);
        this.out = new BufferedOutputStream(Files.newOutputStream(directory.resolve(FILE)), 1 << 16);
    }

    @Override
    public void write(PatientRecord patient) throws IOException {
        for (Outgoing message : messagesOf(patient)) {
            byte[] bytes = message.text.getBytes(StandardCharsets.UTF_8);
            for (int copy = 0; copy < (message.resent ? 2 : 1); copy++) {
                out.write(START_BLOCK);
                out.write(bytes);
                out.write(END_BLOCK);
                out.write(CARRIAGE_RETURN);
            }
        }
    }

    private List<Outgoing> messagesOf(PatientRecord patient) {
        Map<String, RecordedFact> encounters = new HashMap<>();
        Map<String, List<RecordedFact>> diagnoses = new HashMap<>();
        Map<String, List<RecordedFact>> procedures = new HashMap<>();
        RecordedFact demographics = null;
        RecordedFact enrolment = null;
        for (RecordedFact fact : patient.facts()) {
            switch (fact.kind()) {
                case ENCOUNTER -> encounters.put(fact.recordId(), fact);
                case DIAGNOSIS -> diagnoses.computeIfAbsent(fact.encounterId(), k -> new ArrayList<>()).add(fact);
                case PROCEDURE -> procedures.computeIfAbsent(fact.encounterId(), k -> new ArrayList<>()).add(fact);
                case DEMOGRAPHICS -> demographics = fact;
                case ENROLLMENT -> enrolment = fact;
                default -> { }
            }
        }
        List<Outgoing> out = new ArrayList<>();
        out.add(new Outgoing(demographics.recordedAt(), messages.registration(patient, demographics, enrolment), false));
        for (RecordedFact fact : patient.facts()) {
            RecordedFact encounter = fact.encounterId() == null ? null : encounters.get(fact.encounterId());
            switch (fact.kind()) {
                case ENCOUNTER -> out.add(new Outgoing(fact.recordedAt(), messages.visit(patient, fact,
                        diagnoses.getOrDefault(fact.recordId(), List.of()),
                        procedures.getOrDefault(fact.recordId(), List.of())), fact.resent()));
                case DIAGNOSIS -> {
                    if (fact.isRetracted()) {
                        out.add(new Outgoing(fact.retractedAt(), messages.diagnosisRetraction(patient, fact, encounter), false));
                    }
                }
                case LAB, OBSERVATION -> {
                    out.add(new Outgoing(fact.recordedAt(), messages.result(patient, fact, encounter, "F"), fact.resent()));
                    if (fact.isRetracted()) {
                        out.add(new Outgoing(fact.retractedAt(), messages.result(patient, fact, encounter, "W"), false));
                    }
                }
                case MEDICATION -> {
                    out.add(new Outgoing(fact.recordedAt(), messages.pharmacyOrder(patient, fact, encounter, "NW"), fact.resent()));
                    if (fact.isRetracted()) {
                        out.add(new Outgoing(fact.retractedAt(), messages.pharmacyOrder(patient, fact, encounter, "CA"), false));
                    }
                }
                case DEATH -> out.add(new Outgoing(fact.recordedAt(), messages.death(patient, fact), false));
                default -> { }
            }
        }
        out.sort(Comparator.comparing(Outgoing::sent));
        return out;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private record Outgoing(Instant sent, String text, boolean resent) {
    }
}
