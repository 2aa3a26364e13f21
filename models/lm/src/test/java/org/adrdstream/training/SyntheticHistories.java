package org.adrdstream.training;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.Sex;
import org.adrdstream.contract.SourceFormat;

/**
 * Small histories with a plain, learnable signal for model tests: patients who develop ADRD have memory
 * complaints (R41.3) in the years before it; everyone has hypertension visits and glucose labs as noise.
 */
public final class SyntheticHistories {

    private SyntheticHistories() {
    }

    public static List<PatientHistory> cohort(int patients, long seed) {
        List<PatientHistory> histories = new ArrayList<>(patients);
        for (int k = 0; k < patients; k++) {
            histories.add(patient(k, new SplittableRandom(seed * 1_000_003 + k)));
        }
        return histories;
    }

    private static PatientHistory patient(int k, SplittableRandom random) {
        LocalDate birth = LocalDate.of(1925 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28));
        boolean develops = random.nextDouble() < 0.25;
        int adrdYear = 2008 + random.nextInt(12);
        List<HistoryEvent> events = new ArrayList<>();
        for (int year = 2000; year <= 2022; year++) {
            if (develops && year > adrdYear) {
                break;
            }
            day(events, year, random, EventKind.ENCOUNTER, new Code(CodeSystem.LOCAL, "AMB", "ambulatory"), null);
            if (random.nextDouble() < 0.6) {
                day(events, year, random, EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "I10", "Essential hypertension"), null);
            }
            day(events, year, random, EventKind.LAB, new Code(CodeSystem.LOINC, "2345-7", "Glucose"), 80 + random.nextInt(60) * 1.0);
            boolean prodrome = develops && year >= adrdYear - 3 && year < adrdYear;
            if (prodrome ? random.nextDouble() < 0.8 : random.nextDouble() < 0.03) {
                day(events, year, random, EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "R41.3", "Other amnesia"), null);
            }
            if (develops && year == adrdYear) {
                day(events, year, random, EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "G30.9", "Alzheimer disease"), null);
            }
        }
        events.sort((a, b) -> a.getTime().compareTo(b.getTime()));
        for (int i = 0; i < events.size(); i++) {
            events.get(i).setEventId("e" + i);
        }
        HistoryEvent last = events.get(events.size() - 1);
        return PatientHistory.newBuilder().setPatientId(String.format("p-%032x", k)).setBirthDate(birth)
                .setSex(k % 2 == 0 ? Sex.FEMALE : Sex.MALE).setDeathDate(null)
                .setObservationStart(events.get(0).getTime()).setObservationEnd(LocalDate.of(2022, 12, 31).atStartOfDay(ZoneOffset.UTC).toInstant())
                .setEvents(events).setSummaries(List.of()).setVersion(events.size()).setLastEventTime(last.getTime())
                .setAssembledAt(last.getTime()).build();
    }

    private static void day(List<HistoryEvent> events, int year, SplittableRandom random, EventKind kind, Code code, Double value) {
        var time = LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28)).atStartOfDay(ZoneOffset.UTC).toInstant();
        events.add(HistoryEvent.newBuilder().setEventId("").setKind(kind).setTime(time).setEndTime(null).setCode(code)
                .setValue(value).setValueText(null).setUnit(value == null ? null : "mg/dL").setFormat(SourceFormat.SYNTHETIC).build());
    }
}
