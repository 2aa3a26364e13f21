package org.adrdstream.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.contract.SourceRef;

/** Seeded clinical events spread over many patients, about 250 bytes each on the wire. */
final class BenchFeed {

    private static final String[] DIAGNOSES = {"I10", "E11.9", "E78.5", "F32.9", "H91.90", "I48.91", "N18.3", "R41.3"};
    private static final String[] LABS = {"2345-7", "4548-4", "2093-3", "13457-7", "33914-3"};

    private BenchFeed() {
    }

    static List<ClinicalEvent> generate(int events, int patients, long seed) {
        Random random = new Random(seed);
        List<ClinicalEvent> feed = new ArrayList<>(events);
        Instant ingested = Instant.now();
        for (int i = 0; i < events; i++) {
            String patient = "bench-" + random.nextInt(patients);
            boolean lab = random.nextInt(3) == 0;
            Code code = lab ? new Code(CodeSystem.LOINC, LABS[random.nextInt(LABS.length)], "laboratory test")
                    : new Code(CodeSystem.ICD10CM, DIAGNOSES[random.nextInt(DIAGNOSES.length)], "diagnosis");
            feed.add(ClinicalEvent.newBuilder()
                    .setEventId("bench:" + i)
                    .setPatientId(patient)
                    .setKind(lab ? EventKind.LAB : EventKind.DIAGNOSIS)
                    .setTime(Instant.parse("2005-01-01T00:00:00Z").plusSeconds(random.nextInt(600_000_000)))
                    .setEndTime(null)
                    .setIngestedAt(ingested)
                    .setCode(code)
                    .setValue(lab ? 50.0 + random.nextInt(200) : null)
                    .setValueText(null)
                    .setUnit(lab ? "mg/dL" : null)
                    .setStatus(EventStatus.ACTIVE)
                    .setSource(new SourceRef("bench-feed", SourceFormat.SYNTHETIC, "row/" + i))
                    .setBirthDate(null)
                    .setSex(null)
                    .build());
        }
        return feed;
    }
}
