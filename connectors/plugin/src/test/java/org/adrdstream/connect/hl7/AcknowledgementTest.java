package org.adrdstream.connect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import org.adrdstream.connect.hl7.Acknowledgement.Code;
import org.adrdstream.connect.hl7.Acknowledgement.Header;
import org.junit.jupiter.api.Test;

/** Every answer the listener writes is an ACK HAPI itself reads back with the fields a sender checks. */
class AcknowledgementTest {

    private static final String ADMISSION = "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240101120000||ADT^A04^ADT_A01|ctl-9|T|2.5\r"
            + "EVN|A04\rPID|1||MRN-1\r";
    private final Acknowledgement acknowledgement =
            new Acknowledgement(Clock.fixed(Instant.parse("2026-11-26T10:15:30Z"), ZoneOffset.UTC));

    @Test
    void acceptedAnswersTheSenderWithItsControlIdAndSwappedApplications() throws HL7Exception {
        Terser ack = parsed(acknowledgement.accepted(Header.of(ADMISSION)));

        assertThat(ack.get("/MSA-1")).isEqualTo("AA");
        assertThat(ack.get("/MSA-2")).isEqualTo("ctl-9");
        assertThat(ack.get("/MSH-3")).isEqualTo("ADRD-STREAM");
        assertThat(ack.get("/MSH-4")).isEqualTo("ADRD");
        assertThat(ack.get("/MSH-5")).isEqualTo("SENDER");
        assertThat(ack.get("/MSH-6")).isEqualTo("FAC");
        assertThat(ack.get("/MSH-7")).isEqualTo("20261126101530+0000");
        assertThat(ack.get("/MSH-9-1")).isEqualTo("ACK");
        assertThat(ack.get("/MSH-9-2")).isEqualTo("A04");
        assertThat(ack.get("/MSH-11")).isEqualTo("T");
        assertThat(ack.get("/MSH-12")).isEqualTo("2.5");
        assertThat(ack.get("/MSA-3")).isNull();
    }

    @Test
    void aRefusalCarriesItsReasonEscapedSoDelimitersInItSurvive() throws HL7Exception {
        String reason = "code 'A|B^C&D~E\\F' unknown\r(line 2)";
        Terser ack = parsed(acknowledgement.answer(Header.of(ADMISSION), Code.AR, reason));

        assertThat(ack.get("/MSA-1")).isEqualTo("AR");
        assertThat(ack.get("/MSA-3")).isEqualTo("code 'A|B^C&D~E\\F' unknown (line 2)");
        assertThat(ack.get("/ERR-3-1")).isEqualTo("207");
        assertThat(ack.get("/ERR-8")).isEqualTo("code 'A|B^C&D~E\\F' unknown (line 2)");
    }

    @Test
    void hierarchicDesignatorsKeepTheirComponentsAndEscapesAreNotDoubled() throws HL7Exception {
        String lab = "MSH|^~\\&|LAB^2.16.840.1.113883.19.5^ISO|R\\T\\D|ADRD-STREAM|ADRD|20240101||ORU^R01|c-2|P^T|2.5.1\r";
        Terser ack = parsed(acknowledgement.answer(Header.of(lab), Code.AR, "no"));

        assertThat(ack.get("/MSH-5-1")).isEqualTo("LAB");
        assertThat(ack.get("/MSH-5-2")).isEqualTo("2.16.840.1.113883.19.5");
        assertThat(ack.get("/MSH-5-3")).isEqualTo("ISO");
        assertThat(ack.get("/MSH-6")).isEqualTo("R&D");
        assertThat(ack.get("/MSH-11")).isEqualTo("P");
        assertThat(ack.get("/MSH-10").length()).as("MSH-10 within HL7's 20 characters").isLessThanOrEqualTo(20);
    }

    @Test
    void versionsBefore25GetTheReasonInMsaOnly() throws HL7Exception {
        String old = "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240101||ADT^A04|c-3|P|2.3\r";
        String answer = acknowledgement.answer(Header.of(old), Code.AE, "send again");

        assertThat(answer).doesNotContain("ERR|");
        assertThat(parsed(answer).get("/MSA-3")).isEqualTo("send again");
        assertThat(parsed(answer).get("/MSH-12")).isEqualTo("2.3");
    }

    @Test
    void aMessageWithOtherDelimitersIsAnsweredInTheStandardOnes() throws HL7Exception {
        String hashes = "MSH#*~\\&#LAB*OID*ISO#FAC#ADRD-STREAM#ADRD#20240101##ORU*R01#c|1#P#2.5.1\rPID#1";
        Terser ack = parsed(acknowledgement.answer(Header.of(hashes), Code.AE, "send again"));

        assertThat(ack.get("/MSA-1")).isEqualTo("AE");
        assertThat(ack.get("/MSA-2")).isEqualTo("c|1");
        assertThat(ack.get("/MSH-9-2")).isEqualTo("R01");
        assertThat(ack.get("/MSH-5")).isEqualTo("LAB");
        assertThat(ack.get("/MSH-5-2")).isEqualTo("OID");
    }

    @Test
    void somethingThatIsNoMessageStillGetsAnAnswer() throws HL7Exception {
        Terser ack = parsed(acknowledgement.answer(Header.of("this is not HL7"), Code.AR, "unparseable HL7 v2 message"));

        assertThat(ack.get("/MSA-1")).isEqualTo("AR");
        assertThat(ack.get("/MSH-12")).isEqualTo("2.5.1");
        assertThat(Header.of("this is not HL7").controlId()).isEqualTo("unknown");
    }

    @Test
    void answersAreToldApartByTheirOwnControlIds() throws HL7Exception {
        String first = parsed(acknowledgement.accepted(Header.of(ADMISSION))).get("/MSH-10");
        String second = parsed(acknowledgement.accepted(Header.of(ADMISSION))).get("/MSH-10");

        assertThat(first).isNotBlank().isNotEqualTo(second);
    }

    private static Terser parsed(String ack) throws HL7Exception {
        Message message = MllpSourceTask.parser().parse(ack);
        return new Terser(message);
    }
}
