package org.adrdstream.streams.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
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
public final class ReferenceHistories {

    /** What the test compares per patient: detailed events ({@code id=value}) in order, birth date and sex. */
    public record Expected(List<String> events, String birthDate, String sex, long version) {
    }

    private ReferenceHistories() {
    }

    public static Map<String, Expected> fold(List<ClinicalEvent> raw) {
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
                    birth, sex, changes(raw, patient)));
        });
        return expected;
    }

    /**
     * How many changes applying the patient's events one by one, in arrival order, makes: a new or corrected
     * event, a retraction of an applied event, or new demographics; re-sends and anything retracted count
     * nothing. With exactly-once processing the published version equals it, crashes or not.
     */
    public static long changes(List<ClinicalEvent> raw, String patient) {
        Map<String, ClinicalEvent> live = new HashMap<>();
        Set<String> retracted = new HashSet<>();
        boolean demographics = false;
        long version = 0;
        for (ClinicalEvent event : raw) {
            if (!event.getPatientId().equals(patient) || retracted.contains(event.getEventId())) {
                continue;
            }
            if (event.getStatus() == EventStatus.ENTERED_IN_ERROR) {
                retracted.add(event.getEventId());
                version += live.remove(event.getEventId()) != null ? 1 : 0;
            } else if (event.getKind() == EventKind.DEMOGRAPHICS) {
                version += demographics ? 0 : 1;
                demographics = true;
            } else {
                ClinicalEvent before = live.put(event.getEventId(), event);
                version += before == null || !Objects.equals(before.getValue(), event.getValue()) ? 1 : 0;
            }
        }
        return version;
    }
}
