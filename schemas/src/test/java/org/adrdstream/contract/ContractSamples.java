package org.adrdstream.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

/**
 * Fully populated examples of every contract record: together they set every optional field (a MERGE event
 * for the one field only merges carry), so a round trip exercises every field. Times are whole milliseconds, the precision of {@code timestamp-millis}.
 */
public final class ContractSamples {

    private static final Instant T0 = Instant.parse("2019-03-14T09:30:00.123Z");
    private static final Code DONEPEZIL = new Code(CodeSystem.RXNORM, "135447", "donepezil");
    private static final Code HYPERTENSION = new Code(CodeSystem.ICD10CM, "I10", "Essential hypertension");

    private ContractSamples() {
    }

    /** A record of each of the five value types, keyed as their topics key them, and a merge event. */
    public static List<SpecificRecord> all() {
        return List.of(clinicalEvent(), mergeEvent(), patientHistory(), riskScore(), modelPromotion(), deadLetter());
    }

    public static ClinicalEvent clinicalEvent() {
        return ClinicalEvent.newBuilder()
                .setEventId("fhir-main:Observation/42")
                .setPatientId("p-7f3a9c")
                .setKind(EventKind.LAB)
                .setTime(T0)
                .setEndTime(T0.plusSeconds(3600))
                .setIngestedAt(T0.plusSeconds(86_400))
                .setCode(new Code(CodeSystem.LOINC, "2345-7", "Glucose [Mass/volume] in Serum or Plasma"))
                .setValue(131.0)
                .setValueText("high")
                .setUnit("mg/dL")
                .setStatus(EventStatus.ACTIVE)
                .setSource(new SourceRef("fhir-main", SourceFormat.FHIR_R4, "Observation/42"))
                .setBirthDate(LocalDate.of(1948, 6, 2))
                .setSex(Sex.FEMALE)
                .build();
    }

    /** The retirement of {@link #clinicalEvent()}'s patient into another (an HL7 ADT^A40). */
    public static ClinicalEvent mergeEvent() {
        return ClinicalEvent.newBuilder(clinicalEvent()).setEventId("hl7-main:Patient/p-7f3a9c#merged")
                .setKind(EventKind.MERGE).setEndTime(null).setCode(null).setValue(null).setValueText(null).setUnit(null)
                .setSource(new SourceRef("hl7-main", SourceFormat.HL7V2, "MSG00017/MRG[4]")).setBirthDate(null)
                .setSex(null).setMergedInto("p-0b12de").build();
    }

    public static PatientHistory patientHistory() {
        HistoryEvent diagnosis = HistoryEvent.newBuilder()
                .setEventId("hl7-adt:MSG1/DG1[1]").setKind(EventKind.DIAGNOSIS).setTime(T0)
                .setEndTime(null).setCode(HYPERTENSION).setValue(null).setValueText(null).setUnit(null)
                .setFormat(SourceFormat.HL7V2).build();
        HistoryEvent lab = HistoryEvent.newBuilder()
                .setEventId("omop:measurement/9").setKind(EventKind.LAB).setTime(T0.plusSeconds(60))
                .setEndTime(T0.plusSeconds(120)).setCode(new Code(CodeSystem.LOINC, "4548-4", "HbA1c"))
                .setValue(7.1).setValueText("elevated").setUnit("%").setFormat(SourceFormat.OMOP_CDM).build();
        CodeSummary older = CodeSummary.newBuilder()
                .setKind(EventKind.DIAGNOSIS).setCode(HYPERTENSION).setCount(12)
                .setFirstTime(T0.minusSeconds(400_000_000L)).setLastTime(T0.minusSeconds(1_000))
                .setLastValue(150.0).setUnit("mm[Hg]").build();
        return PatientHistory.newBuilder()
                .setPatientId("p-7f3a9c")
                .setBirthDate(LocalDate.of(1948, 6, 2))
                .setSex(Sex.FEMALE)
                .setDeathDate(LocalDate.of(2024, 1, 5))
                .setObservationStart(T0.minusSeconds(500_000_000L))
                .setObservationEnd(T0.plusSeconds(200_000_000L))
                .setEvents(List.of(diagnosis, lab))
                .setSummaries(List.of(older))
                .setVersion(14)
                .setLastEventTime(T0.plusSeconds(60))
                .setAssembledAt(T0.plusSeconds(90_000))
                .setLastIngestedAt(T0.plusSeconds(89_000))
                .build();
    }

    public static RiskScore riskScore() {
        return RiskScore.newBuilder()
                .setPatientId("p-7f3a9c")
                .setIndexTime(T0)
                .setHorizonYears(5)
                .setStatus(ScoreStatus.SCORED)
                .setScore(0.183)
                .setBand(RiskBand.HIGH)
                .setModel(new ModelRef("adrd-transformer-small", "3", "9f86d081884c7d65", TrainingTarget.LABEL_ONLY))
                .setEvidence(List.of(new EvidenceItem(HYPERTENSION, T0.minusSeconds(1_000), 0.42),
                        new EvidenceItem(DONEPEZIL, T0.minusSeconds(10), 0.05)))
                .setHistoryVersion(14)
                .setScoredAt(T0.plusSeconds(86_401))
                .setLatencyMs(87L)
                .build();
    }

    public static ModelPromotion modelPromotion() {
        return ModelPromotion.newBuilder()
                .setModelName("adrd-transformer-small")
                .setVersion("3")
                .setLocation("file:///var/lib/adrd/models/adrd-transformer-small/3")
                .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setPromotedAt(T0)
                .setReason("retrained on 2019-03 snapshot; AUROC 0.74")
                .setPromotedBy("retrain-job")
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setReason("Condition.onsetDateTime 2200-01-01 is more than 1 day in the future")
                .setErrorClass("org.adrdstream.connectors.fhir.MappingException")
                .setStage(FailureStage.CONNECTOR_MAPPING)
                .setSource(SourceCoordinates.newBuilder().setFeed("fhir-main").setFormat(SourceFormat.FHIR_R4)
                        .setRecordRef("Condition/77").setFile("/feeds/fhir/2019-03-14.ndjson").setLine(88L)
                        .setTopic("clinical.events.v1").setPartition(3).setOffset(1200L).build())
                .setPayload(ByteBuffer.wrap("{\"resourceType\":\"Condition\"}".getBytes(StandardCharsets.UTF_8)))
                .setPayloadText("{\"resourceType\":\"Condition\"}")
                .setPayloadSize(27)
                .setPayloadTruncated(false)
                .setFailedAt(T0)
                .build();
    }
}
