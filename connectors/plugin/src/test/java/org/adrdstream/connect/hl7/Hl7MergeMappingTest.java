package org.adrdstream.connect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;

import org.adrdstream.connect.feed.FeedFixtures;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.SourceFormat;
import org.junit.jupiter.api.Test;

/** ADT^A40 merges: each PID/MRG pair becomes a MERGE event keyed by the retired pseudonym. */
class Hl7MergeMappingTest {

    private static final String HEADER = "MSH|^~\\&|ADT|H|ADRD|ADRD|20240101120000||%s|CTL1|P|2.5.1\rEVN|A40\r";
    private final FeedRecords records = FeedFixtures.records(SourceFormat.HL7V2);
    private final Hl7MessageMapper mapper = new Hl7MessageMapper(records, "urn:t:mrn");

    @Test
    void eachPatientOfAMergeMessageRetiresItsPriorIdentifier() throws Exception {
        List<Hl7MessageMapper.Item> items = map(HEADER.formatted("ADT^A40^ADT_A39")
                + "PID|1||NEW-1^^^H&urn:h&URI^MR||Doe^Jane||19400101|F\rMRG|OLD-1^^^H&urn:h&URI^MR~X9^^^H&urn:h&URI^PI\r"
                + "PID|2||NEW-2^^^H&urn:h&URI^MR\rMRG|X7^^^H&urn:h&URI^PI~OLD-2^^^H&urn:h&URI^MR");

        List<ClinicalEvent> merges = events(items).stream().filter(e -> e.getKind() == EventKind.MERGE).toList();

        assertThat(items).allSatisfy(item -> assertThat(item.failure()).isNull());
        assertThat(merges).extracting(ClinicalEvent::getPatientId, ClinicalEvent::getMergedInto).containsExactly(
                org.assertj.core.groups.Tuple.tuple(records.pseudonym("urn:h", "OLD-1"), records.pseudonym("urn:h", "NEW-1")),
                org.assertj.core.groups.Tuple.tuple(records.pseudonym("urn:h", "OLD-2"), records.pseudonym("urn:h", "NEW-2")));
        assertThat(merges).allSatisfy(merge -> {
            assertThat(merge.getEventId()).isEqualTo("fuzz-feed:Patient/" + merge.getPatientId() + "#merged");
            assertThat(merge.getTime()).hasToString("2024-01-01T12:00:00Z");
            assertThat(merge.toString()).doesNotContain("OLD-", "NEW-", "Doe");
        });
        assertThat(events(items)).filteredOn(e -> e.getKind() == EventKind.DEMOGRAPHICS)
                .extracting(ClinicalEvent::getPatientId).containsExactly(records.pseudonym("urn:h", "NEW-1"));
    }

    @Test
    void aPatientSegmentThatFailsLeavesItsMergeWithoutASurvivor() throws Exception {
        List<Hl7MessageMapper.Item> items = map(HEADER.formatted("ADT^A40^ADT_A39")
                + "PID|1||NEW-1^^^H&urn:h&URI^MR\rMRG|OLD-1^^^H&urn:h&URI^MR\r"
                + "PID|2||^^^H&urn:h&URI^MR\rMRG|OLD-2^^^H&urn:h&URI^MR");

        assertThat(events(items)).filteredOn(e -> e.getKind() == EventKind.MERGE)
                .extracting(ClinicalEvent::getPatientId).containsExactly(records.pseudonym("urn:h", "OLD-1"));
        assertThat(items).filteredOn(item -> item.failure() != null).extracting(item -> item.failure().getMessage())
                .containsExactly("PID-3 holds no patient identifier",
                        "no PID segment before this one: the patient is unknown");
    }

    @Test
    void mergesThatNameNoOneElseOrComeInOtherTriggersAreRefusedWithTheirReason() throws Exception {
        assertThat(failure(HEADER.formatted("ADT^A40^ADT_A39") + "PID|1||A^^^H&urn:h&URI^MR\rMRG|A^^^H&urn:h&URI^MR"))
                .isEqualTo("MRG-1 names the same patient as the PID before it: nothing to merge");
        assertThat(failure(HEADER.formatted("ADT^A40^ADT_A39") + "PID|1||A^^^H&urn:h&URI^MR\rMRG|^^^H&urn:h&URI^MR"))
                .isEqualTo("MRG-1 holds no patient identifier");
        assertThat(failure(HEADER.formatted("ADT^A40^ADT_A39") + "MRG|B^^^H&urn:h&URI^MR"))
                .isEqualTo("no PID segment before this one: the patient is unknown");
        assertThat(failure(HEADER.formatted("ADT^A34^ADT_A30") + "PID|1||A^^^H&urn:h&URI^MR\rMRG|B^^^H&urn:h&URI^MR"))
                .isEqualTo("MRG in ADT^A34: of the merge and move messages, only ADT^A40 (merge patient) is mapped");
    }

    private List<Hl7MessageMapper.Item> map(String message) throws Exception {
        return mapper.map(MllpSourceTask.parser().parse(message));
    }

    private static List<ClinicalEvent> events(List<Hl7MessageMapper.Item> items) {
        return items.stream().map(Hl7MessageMapper.Item::event).filter(Objects::nonNull).toList();
    }

    private String failure(String message) throws Exception {
        return map(message).stream().filter(item -> item.failure() != null).findFirst().orElseThrow()
                .failure().getMessage();
    }
}
