package org.adrdstream.connect.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import ca.uhn.fhir.parser.IParser;
import org.adrdstream.connect.feed.FeedFixtures;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.SourceFormat;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A merge stated by Patient.link, from either side, becomes the same MERGE event as an HL7 ADT^A40. */
class FhirMergeMappingTest {

    private static final String PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"identifier\":[{\"system\":"
            + "\"urn:h\",\"value\":\"%s\"}],\"birthDate\":\"1940-01-01\",\"gender\":\"female\"%s}";
    private final FeedRecords records = FeedFixtures.records(SourceFormat.FHIR_R4);
    private final IParser parser = FhirParsing.newParser();
    private final FhirResourceMapper mapper = new FhirResourceMapper(records, new PatientDirectory(records, "MR"));

    @Test
    void replacedByOnTheRetiredAndReplacesOnTheSurvivorGiveTheSameMerge() {
        mapper.register(patient("new", "MRN-NEW", ""), null);
        List<ClinicalEvent> retiredEvents = mapper.map(patient("old", "MRN-OLD",
                ",\"active\":false,\"link\":[{\"other\":{\"reference\":\"Patient/new\"},\"type\":\"replaced-by\"}]"), null);
        List<ClinicalEvent> survivorEvents = mapper.map(patient("new", "MRN-NEW",
                ",\"link\":[{\"other\":{\"reference\":\"Patient/old\"},\"type\":\"replaces\"},"
                        + "{\"other\":{\"reference\":\"Patient/old\"},\"type\":\"seealso\"}]"), null);
        ClinicalEvent fromRetired = merge(retiredEvents);
        ClinicalEvent fromSurvivor = merge(survivorEvents);

        assertThat(retiredEvents).as("the retired record's demographics would pass for the newest")
                .extracting(ClinicalEvent::getKind).containsExactly(EventKind.MERGE);
        assertThat(survivorEvents).extracting(ClinicalEvent::getKind)
                .containsExactlyInAnyOrder(EventKind.DEMOGRAPHICS, EventKind.MERGE);

        assertThat(fromRetired.getPatientId()).isEqualTo(records.pseudonym("urn:h", "MRN-OLD"));
        assertThat(fromRetired.getMergedInto()).isEqualTo(records.pseudonym("urn:h", "MRN-NEW"));
        assertThat(fromSurvivor.getEventId()).as("one merge, whichever side states it")
                .isEqualTo(fromRetired.getEventId()).endsWith("Patient/" + fromRetired.getPatientId() + "#merged");
        assertThat(fromSurvivor.getPatientId()).isEqualTo(fromRetired.getPatientId());
        assertThat(fromSurvivor.getMergedInto()).isEqualTo(fromRetired.getMergedInto());
        assertThat(fromRetired.toString()).doesNotContain("MRN-");
    }

    @Test
    void aLinkToAPatientNotReadBeforeIsRefusedWithoutQuotingIt() {
        Resource retired = patient("old", "MRN-OLD",
                ",\"link\":[{\"other\":{\"reference\":\"Patient?identifier=urn:h|MRN-NEW\"},\"type\":\"replaced-by\"}]");

        assertThatThrownBy(() -> mapper.map(retired, null)).isInstanceOf(UnusableRecordException.class)
                .hasMessage("Patient.link (replaced-by) of Patient/old names a Patient not read before: send the "
                        + "surviving Patient first")
                .hasMessageNotContaining("MRN-NEW");
    }

    private Resource patient(String id, String mrn, String extra) {
        return (Resource) parser.parseResource(PATIENT.formatted(id, mrn, extra));
    }

    /** The one MERGE among a Patient's events. */
    private static ClinicalEvent merge(List<ClinicalEvent> events) {
        List<ClinicalEvent> merges = events.stream().filter(e -> e.getKind() == EventKind.MERGE).toList();
        assertThat(merges).hasSize(1);
        return merges.get(0);
    }
}
