package org.adrdstream.connect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.Parser;
import ca.uhn.hl7v2.util.Terser;
import org.adrdstream.connect.feed.FeedFixtures;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.testkit.fuzz.MalformedInputs;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever an HL7 v2 message holds, the listener's parser either refuses it (dead-lettered and
 * answered AR) or the mapper turns every segment into events or reasons; the mapper lets nothing but
 * {@link HL7Exception} escape; and the answer written from the message's raw header is an ACK HAPI reads,
 * naming the code it was given. Inputs are valid ADT, ORU and RDE messages broken in their text, delimiters
 * and encoding characters included.
 */
class Hl7MappingFuzzTest {

    private static final String PID = "PID|1||MRN-1^^^fuzz&urn:fuzz:mrn&URI^MR||Doe^Jane||19400501|F|||1 Main St^^Town^MA^01000\r";
    private static final List<String> SAMPLES = List.of(
            "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240101120000||ADT^A04^ADT_A01|ctl-1|P|2.5.1\r"
                    + "EVN|A04|20240101120000\r" + PID + "PV1|1|O|||||||||||||||||V-1|||||||||||||||||||||||||20240101090000|20240101100000\r"
                    + "DG1|1||I10^Hypertension^I10C||20240101|A\r"
                    + "PR1|1||99213^Office visit^C4||20240101100000||||||||||||||proc-1\r"
                    + "IN1|1|SYN^Plan|SYNPLAN|Plan||||||||20200101|20301231\r",
            "MSH|^~\\&|LAB|FAC|ADRD-STREAM|ADRD|20240102120000||ORU^R01^ORU_R01|ctl-2|P|2.5.1\r" + PID
                    + "OBR|1||lab-1|2345-7^Glucose^LN|||20240102080000|||||||||||||||20240102120000|||F\r"
                    + "OBX|1|NM|2345-7^Glucose^LN||101.5|mg/dL^mg/dL^UCUM|||||F|||20240102080000\r",
            "MSH|^~\\&|PHARM|FAC|ADRD-STREAM|ADRD|20240103120000||RDE^O11^RDE_O11|ctl-3|P|2.5.1\r" + PID
                    + "ORC|NW|rx-1|||||||20240103120000\rRXE|^^^20240103|197361^Amlodipine^RXNORM|1||TAB\rRXR|PO\r",
            "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240104120000||ADT^A08^ADT_A01|ctl-4|P|2.5.1\r"
                    + "EVN|A08|20240104120000\r" + PID.replace("\r", "||||||||||||||||||20240104|Y\r") + "PV1|1|N\r");

    private final Parser parser = MllpSourceTask.parser();
    private final Acknowledgement acknowledgement = new Acknowledgement(Clock.fixed(FeedFixtures.NOW, ZoneOffset.UTC));

    @Test
    void validSamplesMapToEvents() throws HL7Exception {
        for (String sample : SAMPLES) {
            assertThat(mapper().map(parser.parse(sample))).as(sample).isNotEmpty()
                    .allSatisfy(item -> assertThat(item.event()).as("%s", item.failure()).isNotNull());
        }
    }

    @Test
    void brokenMessagesAreRefusedOrBecomeEventsAndReasons() {
        MalformedInputs.theory().forAll(MalformedInputs.mutationsOf(SAMPLES, "|^~\\&\r")).checkAssert(this::assertHandled);
    }

    @Test
    void noiseIsRefused() {
        MalformedInputs.theory().forAll(MalformedInputs.noise("|^~\\&\rMSH")).checkAssert(this::assertHandled);
    }

    private void assertHandled(String text) {
        assertAnswerable(text);
        Message message;
        try {
            message = parser.parse(text);
        } catch (HL7Exception | RuntimeException refused) {
            // MllpReceiver catches whatever HAPI's parser throws (an ArrayIndexOutOfBoundsException for an MSH with
            // a line break in its encoding characters): dead-lettered without content, answered AR.
            // MllpConnectorTest and MalformedCorpusTest send such messages.
            return;
        }
        try {
            for (Hl7MessageMapper.Item item : mapper().map(message)) {
                assertThat(item.event() == null).as("an event or a reason, not both or neither")
                        .isNotEqualTo(item.failure() == null);
                if (item.failure() != null) {
                    assertThat(item.failure().getMessage()).isNotBlank();
                }
            }
        } catch (HL7Exception refused) {
            // documented: dead-lettered as unparseable
        }
    }

    private void assertAnswerable(String text) {
        String answer = acknowledgement.answer(Acknowledgement.Header.of(text), Acknowledgement.Code.AR, "refused: " + text);
        try {
            Terser ack = new Terser(parser.parse(answer));
            assertThat(ack.get("/MSA-1")).isEqualTo("AR");
            assertThat(ack.get("/MSH-9-1")).isEqualTo("ACK");
        } catch (HL7Exception e) {
            throw new AssertionError("HAPI cannot read the answer " + answer.replace('\r', '\n'), e);
        }
    }

    private static Hl7MessageMapper mapper() {
        return new Hl7MessageMapper(FeedFixtures.records(SourceFormat.HL7V2), "urn:fuzz:mrn");
    }
}
