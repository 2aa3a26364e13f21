package org.adrdstream.connect.hl7;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.feed.ObservationKinds;
import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.Sex;

/**
 * One HL7 v2 message to its ClinicalEvents, segment by segment: PID (demographics, death), MRG (a merge of
 * the prior identifier into the PID's patient, ADT^A40), PV1 (the visit),
 * DG1, PR1, IN1 (enrolment), OBR/OBX (results), ORC with RXE, RXO or RXA (medication orders and
 * administrations). A segment that cannot be mapped becomes a failure of its own; the others still map.
 * Free-text values (ST, TX, FT) are never copied.
 */
final class Hl7MessageMapper {

    /** An event, or why one segment could not become one. */
    record Item(ClinicalEvent event, UnusableRecordException failure, String recordRef) {
    }

    private static final Map<String, CodeSystem> SYSTEMS = Map.ofEntries(
            Map.entry("I10", CodeSystem.ICD10CM), Map.entry("I10C", CodeSystem.ICD10CM),
            Map.entry("ICD10CM", CodeSystem.ICD10CM), Map.entry("ICD-10-CM", CodeSystem.ICD10CM),
            Map.entry("I9", CodeSystem.ICD9CM), Map.entry("I9C", CodeSystem.ICD9CM), Map.entry("ICD9CM", CodeSystem.ICD9CM),
            Map.entry("SCT", CodeSystem.SNOMEDCT), Map.entry("SNM", CodeSystem.SNOMEDCT), Map.entry("SNOMEDCT", CodeSystem.SNOMEDCT),
            Map.entry("LN", CodeSystem.LOINC), Map.entry("LOINC", CodeSystem.LOINC),
            Map.entry("RXNORM", CodeSystem.RXNORM), Map.entry("RXN", CodeSystem.RXNORM),
            Map.entry("C4", CodeSystem.CPT), Map.entry("CPT", CodeSystem.CPT), Map.entry("CPT4", CodeSystem.CPT),
            Map.entry("ATC", CodeSystem.ATC));

    /** Message families the connector maps; any other is answered AR rather than half-read. */
    static final Set<String> FAMILIES = Set.of("ADT", "ORU", "RDE", "RDS", "RAS", "OMP");
    private static final Pattern SEGMENT_NAME = Pattern.compile("[A-Z][A-Z0-9]{2}");

    private final FeedRecords records;
    private final String defaultIssuer;

    Hl7MessageMapper(FeedRecords records, String defaultIssuer) {
        this.records = records;
        this.defaultIssuer = defaultIssuer;
    }

    List<Item> map(Message message) throws HL7Exception {
        List<Segment> segments = Hl7Segments.of(message);
        Segment msh = segments.get(0);
        String controlId = Hl7Segments.get(msh, 10, 1, 1);
        String type = Hl7Segments.get(msh, 9, 1, 1) + "^" + Hl7Segments.get(msh, 9, 2, 1);
        Optional<String> refusal = refusal(segments, type);
        if (refusal.isPresent()) {
            return List.of(new Item(null, UnusableRecordException.mapping(refusal.get()), controlId));
        }
        Context context;
        try {
            context = new Context(controlId, type, time(Hl7Segments.get(msh, 7, 1, 1), "MSH-7", records.now()));
        } catch (UnusableRecordException e) {
            return List.of(new Item(null, e, controlId)); // the whole message: it gives every segment its time
        }
        List<Item> items = segmentItems(segments, context);
        if (items.isEmpty()) {
            // AA would tell the sender its message was used; nothing in it was.
            return List.of(new Item(null, UnusableRecordException.mapping("nothing in the message could be used: no "
                    + "demographics, visit, diagnosis, procedure, enrolment, result or medication"), controlId));
        }
        return items;
    }

    private List<Item> segmentItems(List<Segment> segments, Context context) {
        Map<Segment, Integer> observationsPerRequest = countObservations(segments);
        List<Item> items = new ArrayList<>();
        int index = 0;
        for (Segment segment : segments) {
            String ref = context.controlId + "/" + segment.getName() + "[" + (++index) + "]";
            if (!SEGMENT_NAME.matcher(segment.getName()).matches()) {
                items.add(new Item(null, new UnusableRecordException(FailureStage.CONNECTOR_PARSE,
                        "segment " + index + " has no HL7 segment name (three capitals or digits, a capital first)"), ref));
                continue;
            }
            try {
                items.addAll(mapSegment(segment, context, observationsPerRequest).stream()
                        .map(e -> checked(e, context, ref)).toList());
            } catch (UnusableRecordException e) {
                items.add(new Item(null, e, ref));
            }
        }
        return items;
    }

    /** Why the message as a whole cannot be taken: a family the connector does not map, or several patients. */
    private static Optional<String> refusal(List<Segment> segments, String type) {
        String family = type.substring(0, type.indexOf('^'));
        if (!FAMILIES.contains(family)) {
            return Optional.of("message type " + (family.isEmpty() ? "(none)" : family) + " is not one this connector "
                    + "maps (" + String.join(", ", new java.util.TreeSet<>(FAMILIES)) + ")");
        }
        long patients = segments.stream().filter(s -> s.getName().equals("PID")).count();
        if (patients > 1 && !type.equals("ADT^A40")) { // a merge message names a survivor per merged patient
            return Optional.of(patients + " PID segments: a message must be about one patient");
        }
        return Optional.empty();
    }

    private Item checked(ClinicalEvent event, Context context, String ref) {
        return records.problem(event, context.birthDate)
                .map(problem -> new Item(null, UnusableRecordException.mapping(problem), ref))
                .orElseGet(() -> new Item(event, null, ref));
    }

    private List<ClinicalEvent> mapSegment(Segment segment, Context context, Map<Segment, Integer> observations) {
        switch (segment.getName()) {
            case "PID" -> {
                return patient(segment, context);
            }
            case "PV1" -> {
                return visit(segment, context);
            }
            case "MRG" -> {
                return List.of(merge(segment, context));
            }
            case "DG1" -> {
                return List.of(diagnosis(segment, context));
            }
            case "PR1" -> {
                return List.of(procedure(segment, context));
            }
            case "IN1" -> {
                return List.of(enrolment(segment, context));
            }
            case "OBR" -> context.request = segment;
            case "OBX" -> {
                return observation(segment, context, observations.getOrDefault(context.request, 1) > 1);
            }
            case "ORC" -> context.order = segment;
            case "RXE", "RXO", "RXA" -> {
                return List.of(medication(segment, context));
            }
            default -> {
            }
        }
        return List.of();
    }

    private List<ClinicalEvent> patient(Segment pid, Context context) {
        // a PID that fails must not leave the previous patient in place for the segments after it (an A40
        // names one survivor per PID: its MRG would merge into the wrong one)
        context.pseudonym = null;
        context.birthDate = null;
        context.pseudonym = pseudonymOf(pid, 3, "PID-3");
        String birth = Hl7Segments.get(pid, 7, 1, 1);
        context.birthDate = birth.isEmpty() ? null : Hl7Times.date(birth, "PID-7");
        List<ClinicalEvent> events = new ArrayList<>(2);
        Sex sex = sex(Hl7Segments.get(pid, 8, 1, 1));
        if (context.birthDate != null || sex != Sex.UNKNOWN) { // neither: the event would say nothing
            events.add(records.newEvent("Patient/" + context.pseudonym).setPatientId(context.pseudonym)
                    .setKind(EventKind.DEMOGRAPHICS).setStatus(EventStatus.ACTIVE).setTime(context.messageTime)
                    .setBirthDate(context.birthDate).setSex(sex).build());
        }
        String death = Hl7Segments.get(pid, 29, 1, 1);
        if (!death.isEmpty()) {
            events.add(event(context, "Patient/" + context.pseudonym + "#deceased", EventKind.DEATH,
                    Hl7Times.instant(death, "PID-29"), null, false).build());
        }
        return events;
    }

    /**
     * An MRG segment (ADT^A40): the prior identifier in MRG-1 is retired in favour of the patient of the PID
     * before it. The MERGE event is keyed by the retired pseudonym; the streams application moves that history.
     */
    private ClinicalEvent merge(Segment mrg, Context context) {
        if (!context.type.equals("ADT^A40")) { // A44/A45 move accounts or visits; A18, A30, A34... are not mapped
            throw UnusableRecordException.mapping("MRG in " + context.type + ": of the merge and move messages, only "
                    + "ADT^A40 (merge patient) is mapped");
        }
        String survivor = pseudonym(context);
        String retired = pseudonymOf(mrg, 1, "MRG-1");
        if (retired.equals(survivor)) {
            throw UnusableRecordException.mapping("MRG-1 names the same patient as the PID before it: nothing to merge");
        }
        return records.newEvent("Patient/" + retired + "#merged").setPatientId(retired).setKind(EventKind.MERGE)
                .setStatus(EventStatus.ACTIVE).setTime(context.messageTime).setMergedInto(survivor).build();
    }

    /**
     * The pseudonym of the identifier in {@code field} (a CX list: PID-3, MRG-1): the medical record number
     * (type MR) when one is listed, else the first; its issuer from the assigning authority.
     */
    private String pseudonymOf(Segment segment, int field, String name) {
        int chosen = 0;
        for (int rep = 0; rep < Hl7Segments.repetitions(segment, field); rep++) {
            if ("MR".equals(Hl7Segments.get(segment, field, rep, 5, 1))) {
                chosen = rep;
                break;
            }
        }
        String identifier = Hl7Segments.get(segment, field, chosen, 1, 1);
        if (identifier.isEmpty()) {
            throw UnusableRecordException.mapping(name + " holds no patient identifier");
        }
        String issuer = Hl7Segments.get(segment, field, chosen, 4, 2);
        issuer = issuer.isEmpty() ? Hl7Segments.get(segment, field, chosen, 4, 1) : issuer;
        return records.pseudonym(issuer.isEmpty() ? defaultIssuer : issuer, identifier);
    }

    private List<ClinicalEvent> visit(Segment pv1, Context context) {
        String actCode = switch (Hl7Segments.get(pv1, 2, 1, 1)) {
            case "I" -> "IMP";
            case "O" -> "AMB";
            case "E" -> "EMER";
            default -> null;
        };
        String visit = Hl7Segments.get(pv1, 19, 1, 1);
        if (actCode == null || visit.isEmpty()) {
            return List.of(); // a registration without a visit
        }
        Instant start = time(Hl7Segments.get(pv1, 44, 1, 1), "PV1-44", context.messageTime);
        ClinicalEvent.Builder event = event(context, "Encounter/" + visit, EventKind.ENCOUNTER, start,
                new Code(CodeSystem.LOCAL, actCode, null), false);
        String end = Hl7Segments.get(pv1, 45, 1, 1);
        if (!end.isEmpty()) {
            event.setEndTime(Hl7Times.instant(end, "PV1-45"));
        }
        return List.of(event.build());
    }

    private ClinicalEvent diagnosis(Segment dg1, Context context) {
        String id = Hl7Segments.get(dg1, 20, 1, 1);
        String ref = "Condition/" + (id.isEmpty() ? context.controlId + "-DG1-" + Hl7Segments.get(dg1, 1, 1, 1) : id);
        return event(context, ref, EventKind.DIAGNOSIS, time(Hl7Segments.get(dg1, 5, 1, 1), "DG1-5", context.messageTime),
                code(dg1, 3, "DG1-3"), "D".equals(Hl7Segments.get(dg1, 21, 1, 1))).build();
    }

    private ClinicalEvent procedure(Segment pr1, Context context) {
        String id = Hl7Segments.get(pr1, 19, 1, 1);
        String ref = "Procedure/" + (id.isEmpty() ? context.controlId + "-PR1-" + Hl7Segments.get(pr1, 1, 1, 1) : id);
        return event(context, ref, EventKind.PROCEDURE, time(Hl7Segments.get(pr1, 5, 1, 1), "PR1-5", context.messageTime),
                code(pr1, 3, "PR1-3"), false).build();
    }

    private ClinicalEvent enrolment(Segment in1, Context context) {
        String effective = Hl7Segments.get(in1, 12, 1, 1);
        if (effective.isEmpty()) {
            throw UnusableRecordException.mapping("IN1-12 (plan effective date) is empty");
        }
        ClinicalEvent.Builder event = event(context, "Coverage/" + pseudonym(context) + "-" + effective,
                EventKind.ENROLLMENT, Hl7Times.date(effective, "IN1-12").atStartOfDay(ZoneOffset.UTC).toInstant(), null, false);
        String expires = Hl7Segments.get(in1, 13, 1, 1);
        if (!expires.isEmpty()) {
            LocalDate end = Hl7Times.date(expires, "IN1-13");
            event.setEndTime(end.atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC));
        }
        return event.build();
    }

    private List<ClinicalEvent> observation(Segment obx, Context context, boolean severalInRequest) {
        Code code = code(obx, 3, "OBX-3");
        String request = context.request == null ? "" : Hl7Segments.get(context.request, 3, 1, 1);
        request = request.isEmpty() && context.request != null ? Hl7Segments.get(context.request, 2, 1, 1) : request;
        String ref = "Observation/" + (request.isEmpty() ? context.controlId : request)
                + (severalInRequest || request.isEmpty() ? "#" + code.getValue() + "-" + Hl7Segments.get(obx, 1, 1, 1) : "");
        String when = Hl7Segments.get(obx, 14, 1, 1);
        if (when.isEmpty() && context.request != null) {
            when = Hl7Segments.get(context.request, 7, 1, 1);
        }
        String status = Hl7Segments.get(obx, 11, 1, 1);
        EventKind kind = code.getSystem() == CodeSystem.LOINC ? ObservationKinds.of(code.getValue()) : EventKind.LAB;
        ClinicalEvent.Builder event = event(context, ref, kind, time(when, "OBX-14", context.messageTime), code,
                "W".equals(status) || "D".equals(status));
        String valueType = Hl7Segments.get(obx, 2, 1, 1);
        String value = Hl7Segments.get(obx, 5, 1, 1);
        if (valueType.equals("NM") && !value.isEmpty()) {
            try {
                event.setValue(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "OBX-5 is not a number", e);
            }
        } else if ((valueType.equals("CE") || valueType.equals("CWE")) && !value.isEmpty()) {
            // A coded answer's text, never a text-only one (that is free text).
            String text = Hl7Segments.get(obx, 5, 2, 1);
            event.setValueText(text.isEmpty() ? value : text);
        }
        String unit = Hl7Segments.get(obx, 6, 1, 1);
        return List.of(event.setUnit(unit.isEmpty() ? null : unit).build());
    }

    private ClinicalEvent medication(Segment give, Context context) {
        int codeField = switch (give.getName()) {
            case "RXE" -> 2;
            case "RXO" -> 1;
            default -> 5; // RXA-5 administered code
        };
        String when = give.getName().equals("RXA") ? Hl7Segments.get(give, 3, 1, 1)
                : give.getName().equals("RXE") ? Hl7Segments.get(give, 1, 4, 1) : "";
        String order = context.order == null ? "" : Hl7Segments.get(context.order, 2, 1, 1);
        if (when.isEmpty() && context.order != null) {
            when = Hl7Segments.get(context.order, 9, 1, 1);
        }
        String ref = give.getName().equals("RXA")
                ? "MedicationAdministration/" + (order.isEmpty() ? context.controlId : order) + "-" + (++context.administrations)
                : "MedicationRequest/" + (order.isEmpty() ? context.controlId + "-" + give.getName() : order);
        boolean cancelled = context.order != null && "CA".equals(Hl7Segments.get(context.order, 1, 1, 1));
        return event(context, ref, EventKind.MEDICATION, time(when, give.getName() + " time", context.messageTime),
                code(give, codeField, give.getName() + "-" + codeField), cancelled).build();
    }

    private ClinicalEvent.Builder event(Context context, String ref, EventKind kind, Instant time, Code code,
                                        boolean retracted) {
        return records.newEvent(ref).setPatientId(pseudonym(context)).setKind(kind)
                .setStatus(retracted ? EventStatus.ENTERED_IN_ERROR : EventStatus.ACTIVE).setTime(time).setCode(code);
    }

    private static String pseudonym(Context context) {
        if (context.pseudonym == null) {
            throw UnusableRecordException.mapping("no PID segment before this one: the patient is unknown");
        }
        return context.pseudonym;
    }

    private static Code code(Segment segment, int field, String what) {
        String value = Hl7Segments.get(segment, field, 1, 1);
        String system = Hl7Segments.get(segment, field, 3, 1).toUpperCase();
        CodeSystem known = SYSTEMS.get(system);
        if (value.isEmpty() || known == null) {
            throw UnusableRecordException.mapping(what + (value.isEmpty() ? " holds no code"
                    : " is coded in an unknown system '" + system + "'"));
        }
        String display = Hl7Segments.get(segment, field, 2, 1);
        return new Code(known, value, display.isEmpty() ? null : display);
    }

    private static Instant time(String value, String what, Instant fallback) {
        return value.isEmpty() ? fallback : Hl7Times.instant(value, what);
    }

    private static Map<Segment, Integer> countObservations(List<Segment> segments) {
        Map<Segment, Integer> counts = new HashMap<>();
        Segment request = null;
        for (Segment segment : segments) {
            if (segment.getName().equals("OBR")) {
                request = segment;
            } else if (segment.getName().equals("OBX")) {
                counts.merge(request, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Sex sex(String code) {
        return switch (code) {
            case "M" -> Sex.MALE;
            case "F" -> Sex.FEMALE;
            case "O", "A" -> Sex.OTHER;
            default -> Sex.UNKNOWN;
        };
    }

    /** What later segments need from earlier ones. */
    private static final class Context {
        final String controlId;
        final String type;
        final Instant messageTime;
        String pseudonym;
        LocalDate birthDate;
        Segment request;
        Segment order;
        int administrations;

        Context(String controlId, String type, Instant messageTime) {
            this.controlId = controlId;
            this.type = type;
            this.messageTime = messageTime;
        }
    }
}
