package org.adrdstream.connect.hl7;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.Parser;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.hl7.Acknowledgement.Code;
import org.adrdstream.connect.hl7.Acknowledgement.Header;
import org.adrdstream.contract.FailureStage;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each MLLP message only once its fate is durable: the message is parsed (HAPI), its events and dead
 * letters are queued for the task, and the sender gets AA when Kafka has acknowledged every one of them, AR
 * (rejected: do not send again) when none of it could be used or it could not be parsed, and AE (error: send
 * again) when Kafka did not acknowledge in time. A re-sent message yields the same event ids, so a retry
 * after AE cannot double an event downstream.
 */
final class MllpReceiver implements MllpListener.Responder {

    private static final Logger LOG = LoggerFactory.getLogger(MllpReceiver.class);

    /** A record on its way to Kafka with the message it belongs to. */
    record Pending(SourceRecord record, Handoff handoff) {
    }

    private final Parser parser;
    private final Hl7MessageMapper mapper;
    private final FeedRecords records;
    private final Acknowledgement acknowledgement;
    private final BlockingQueue<Pending> queue;
    private final Duration ackTimeout;
    private final Map<String, ?> partition;
    /** Set when the feed must stop (too many dead letters); the task's poll rethrows it. */
    private final AtomicReference<RuntimeException> fatal;

    MllpReceiver(Parser parser, Hl7MessageMapper mapper, FeedRecords records, Acknowledgement acknowledgement,
                 BlockingQueue<Pending> queue, Duration ackTimeout, Map<String, ?> partition,
                 AtomicReference<RuntimeException> fatal) {
        this.parser = parser;
        this.mapper = mapper;
        this.records = records;
        this.acknowledgement = acknowledgement;
        this.queue = queue;
        this.ackTimeout = ackTimeout;
        this.partition = partition;
        this.fatal = fatal;
    }

    @Override
    public String answer(String text) {
        Header header = Header.of(text); // read once: the offset, a dead letter and the answer all name it
        Message message;
        try {
            message = parser.parse(text);
        } catch (HL7Exception | RuntimeException e) {
            // HAPI throws runtime exceptions too, e.g. for an MSH with a line break in its encoding characters
            return refused(header, "unparseable HL7 v2 message: " + e.getClass().getSimpleName(),
                    FailureStage.CONNECTOR_PARSE, e, text.length());
        }
        List<Hl7MessageMapper.Item> items;
        try {
            items = mapper.map(message);
        } catch (HL7Exception | RuntimeException e) {
            return refused(header, "message could not be processed: " + e.getClass().getSimpleName(),
                    FailureStage.CONNECTOR_MAPPING, e, text.length());
        }
        return mapped(header, items);
    }

    @Override
    public String tooLarge(String head, long bytes) {
        return refused(Header.of(head), "message of " + bytes + " bytes is over mllp.max.message.bytes",
                FailureStage.CONNECTOR_PARSE, null, bytes);
    }

    private String mapped(Header header, List<Hl7MessageMapper.Item> items) {
        Map<String, ?> offset = Map.of("message", header.controlId());
        List<SourceRecord> out = new ArrayList<>(items.size());
        List<String> failures = new ArrayList<>();
        for (Hl7MessageMapper.Item item : items) {
            try {
                if (item.event() != null) {
                    out.add(records.event(partition, offset, item.event()));
                    continue;
                }
                failures.add(item.failure().getMessage());
                out.add(records.deadLetter(partition, offset, item.failure().getMessage(), item.failure().stage(),
                        item.failure(), null, null, item.recordRef(), 0));
            } catch (ConnectException tooMany) {
                fatal.compareAndSet(null, tooMany);
                return acknowledgement.answer(header, Code.AE, "not accepted: the feed stopped on too many errors");
            } catch (RuntimeException notWritten) {
                return notStored(header, notWritten);
            }
        }
        if (!handedOff(out)) {
            return acknowledgement.answer(header, Code.AE, "not stored in Kafka within " + ackTimeout.toMillis()
                    + " ms, or the listener is stopping; send again");
        }
        if (!failures.isEmpty() && failures.size() == items.size()) {
            return acknowledgement.answer(header, Code.AR, String.join("; ", failures));
        }
        return acknowledgement.accepted(header);
    }

    /**
     * A message that cannot be used at all: dead-lettered without its content, then answered AR, so the sender
     * does not resend it forever.
     */
    private String refused(Header header, String reason, FailureStage stage, Exception cause, long size) {
        String controlId = header.controlId();
        SourceRecord letter;
        try {
            letter = records.deadLetter(partition, Map.of("message", controlId), reason, stage, cause, null, null,
                    controlId, size);
        } catch (ConnectException tooMany) {
            fatal.compareAndSet(null, tooMany);
            return acknowledgement.answer(header, Code.AE, "not accepted: the feed stopped on too many errors");
        } catch (RuntimeException notWritten) {
            return notStored(header, notWritten);
        }
        if (!handedOff(List.of(letter))) {
            LOG.warn("dead letter for message {} not acknowledged by Kafka within {}", controlId, ackTimeout);
            return acknowledgement.answer(header, Code.AE, "not recorded in time; send again");
        }
        return acknowledgement.answer(header, Code.AR, reason);
    }

    /**
     * AE for a record the connector could not write (the registry unreachable, a serializer failure): our
     * fault, not the message's, so the sender is asked to send it again rather than told to drop it.
     */
    private String notStored(Header header, RuntimeException failure) {
        // the class only: a serializer's message can quote the record
        LOG.warn("message {} not stored, answered AE: {}{}", header.controlId(), failure.getClass().getName(),
                failure.getCause() == null ? "" : " caused by " + failure.getCause().getClass().getName());
        return acknowledgement.answer(header, Code.AE, "could not be stored (" + failure.getClass().getSimpleName()
                + "); send again");
    }

    /** Whether Kafka acknowledged every record in time (false too when the listener is stopping). */
    private boolean handedOff(List<SourceRecord> out) {
        try {
            return handOff(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean handOff(List<SourceRecord> out) throws InterruptedException {
        Handoff handoff = new Handoff(out.size());
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (SourceRecord record : out) {
            if (!queue.offer(new Pending(record, handoff), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return handoff.awaitDurable(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
