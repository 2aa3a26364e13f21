package org.adrdstream.connect.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import ca.uhn.hl7v2.HL7Exception;
import org.adrdstream.connect.feed.FeedFixtures;
import org.adrdstream.contract.SourceFormat;
import org.junit.jupiter.api.Test;

/**
 * What a message is answered when the connector itself fails: the feed's registry (never reachable here) cannot
 * give a schema id, so nothing can be written. That is not the message's fault: AE (send again), never AR
 * (which tells the interface engine to drop it), and the feed keeps running.
 */
class MllpReceiverTest {

    private static final String ADMISSION = "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240101120000||ADT^A04^ADT_A01|ctl-7|P|2.5.1\r"
            + "EVN|A04|20240101120000\rPID|1||MRN-1^^^t&urn:t:mrn&URI^MR||Doe^Jane||19400501|F\r"
            + "DG1|1||I10^Hypertension^I10C||20240101|A\r";

    private final BlockingQueue<MllpReceiver.Pending> queue = new ArrayBlockingQueue<>(100);
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private final MllpReceiver receiver = new MllpReceiver(MllpSourceTask.parser(),
            new Hl7MessageMapper(FeedFixtures.records(SourceFormat.HL7V2), "urn:t:mrn"), FeedFixtures.records(SourceFormat.HL7V2),
            new Acknowledgement(Clock.fixed(FeedFixtures.NOW, ZoneOffset.UTC)), queue, Duration.ofSeconds(5),
            Map.of("listener", "test"), fatal);

    @Test
    void aMessageThatCannotBeWrittenIsAnsweredSendAgain() {
        String ack = receiver.answer(ADMISSION);

        assertThat(MllpClient.acknowledgementCode(ack)).isEqualTo("AE");
        assertThat(ack).contains("could not be stored").contains("send again").contains("|ctl-7|");
        assertThat(queue).isEmpty();
        assertThat(fatal.get()).as("the feed goes on").isNull();
    }

    @Test
    void anUnparseableMessageWhoseDeadLetterCannotBeWrittenIsAnsweredSendAgainToo() {
        String unparseable = "this is not HL7 at all";
        assertThatThrownBy(() -> MllpSourceTask.parser().parse(unparseable)).as("refused by the parser")
                .isInstanceOf(HL7Exception.class);

        String ack = receiver.answer(unparseable);

        assertThat(MllpClient.acknowledgementCode(ack)).isEqualTo("AE");
        assertThat(fatal.get()).isNull();
    }
}
