package org.adrdstream.streams.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;

/**
 * An independent fold of raw events into what each patient's history must hold, written without the
 * topology's code: per event_id the last assertion to arrive, unless the id was ever retracted; detailed
 * kinds only, by time then id. Valid for feeds that never retract header events and send one DEMOGRAPHICS
 * record per patient.
 */
final class ReferenceHistories {

    /** What the test compares per patient: detailed events ({@code id=value}) in order, birth date and sex. */
    record Expected(List<String> events, String birthDate, String sex) {
    }

    private ReferenceHistories() {
    }

    static Map<String, Expected> fold(List<ClinicalEvent> raw) {
        Map<String, Map<String, ClinicalEvent>> asserted = new TreeMap<>();
        Map<String, Set<String>> retracted = new TreeMap<>();
        for (ClinicalEvent event : raw) {
            String patient = event.getPatientId();
            if (event.getStatus() == EventStatus.ENTERED_IN_ERROR) {
                retracted.computeIfAbsent(patient, p -> new HashSet<>()).add(event.getEventId());
            } else {
                asserted.computeIfAbsent(patient, p -> new LinkedHashMap<>()).put(event.getEventId(), event);
            }
        }
        Map<String, Expected> expected = new TreeMap<>();
        asserted.forEach((patient, events) -> {
            Set<String> gone = retracted.getOrDefault(patient, Set.of());
            List<ClinicalEvent> kept = new ArrayList<>();
            String birth = null;
            String sex = "UNKNOWN";
            for (ClinicalEvent event : events.values()) {
                if (gone.contains(event.getEventId())) {
                    continue;
                }
                if (event.getKind() == EventKind.DEMOGRAPHICS) {
                    birth = String.valueOf(event.getBirthDate());
                    sex = String.valueOf(event.getSex());
                } else {
                    kept.add(event);
                }
            }
            kept.sort(Comparator.comparing(ClinicalEvent::getTime).thenComparing(ClinicalEvent::getEventId));
            expected.put(patient, new Expected(kept.stream().map(e -> e.getEventId() + "=" + e.getValue()).toList(),
                    birth, sex));
        });
        return expected;
    }
}
