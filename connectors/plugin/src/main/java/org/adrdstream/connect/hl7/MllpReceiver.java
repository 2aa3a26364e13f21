package org.adrdstream.connect.hl7;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.ReceivingApplicationExceptionHandler;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.FailureStage;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each MLLP message only once its fate is durable: the message's events and dead letters are queued
 * for the task, and the sender gets AA when Kafka has acknowledged every one of them, AR (rejected: do not
 * send again) when none of it could be used, and AE (error: send again) when Kafka did not acknowledge in
 * time. A re-sent message yields the same event ids, so a retry after AE cannot double an event downstream.
 */
final class MllpReceiver implements ReceivingApplication<Message>, ReceivingApplicationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MllpReceiver.class);

    /** A record on its way to Kafka with the message it belongs to. */
    record Pending(SourceRecord record, Handoff handoff) {
    }

    private final Hl7MessageMapper mapper;
    private final FeedRecords records;
    private final BlockingQueue<Pending> queue;
    private final Duration ackTimeout;
    private final Map<String, ?> partition;
    /** Set when the feed must stop (too many dead letters); the task's poll rethrows it. */
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> fatal;

    MllpReceiver(Hl7MessageMapper mapper, FeedRecords records, BlockingQueue<Pending> queue, Duration ackTimeout,
                 Map<String, ?> partition, java.util.concurrent.atomic.AtomicReference<RuntimeException> fatal) {
        this.mapper = mapper;
        this.records = records;
        this.queue = queue;
        this.ackTimeout = ackTimeout;
        this.partition = partition;
        this.fatal = fatal;
    }

    @Override
    public boolean canProcess(Message message) {
        return true;
    }

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
        try {
            List<Hl7MessageMapper.Item> items = mapper.map(message);
            String controlId = new ca.uhn.hl7v2.util.Terser(message).get("/MSH-10");
            List<SourceRecord> out = new ArrayList<>(items.size());
            List<String> failures = new ArrayList<>();
            for (Hl7MessageMapper.Item item : items) {
                Map<String, ?> offset = Map.of("message", controlId == null ? "" : controlId);
                if (item.event() != null) {
                    out.add(records.event(partition, offset, item.event()));
                } else {
                    failures.add(item.failure().getMessage());
                    try {
                        out.add(records.deadLetter(partition, offset, item.failure().getMessage(), item.failure().stage(),
                                item.failure(), null, null, item.recordRef(), 0));
                    } catch (RuntimeException tooMany) {
                        fatal.compareAndSet(null, tooMany);
                        return generateError(message, "not accepted: the feed stopped on too many errors");
                    }
                }
            }
            if (!handOff(out)) {
                return message.generateACK(AcknowledgmentCode.AE, new HL7Exception("not stored in Kafka within "
                        + ackTimeout.toMillis() + " ms; send again", ErrorCode.APPLICATION_INTERNAL_ERROR));
            }
            if (!failures.isEmpty() && failures.size() == items.size()) {
                return message.generateACK(AcknowledgmentCode.AR, new HL7Exception(String.join("; ", failures),
                        ErrorCode.APPLICATION_INTERNAL_ERROR));
            }
            return message.generateACK();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return generateError(message, "listener stopping; send again");
        } catch (java.io.IOException e) {
            throw new HL7Exception("cannot build the acknowledgement", e);
        }
    }

    /**
     * A message HAPI could not parse (or a failure inside {@link #processMessage}): dead-lettered without its
     * content, then answered AR, so the sender does not resend it forever (HAPI's own answer would be AE).
     */
    @Override
    public String processException(String incomingMessage, Map<String, Object> metadata, String outgoingMessage,
                                   Exception exception) {
        String controlId = controlIdOf(incomingMessage);
        boolean unparseable = exception instanceof HL7Exception;
        String reason = (unparseable ? "unparseable HL7 v2 message: " : "message could not be processed: ")
                + exception.getClass().getSimpleName();
        SourceRecord letter;
        try {
            letter = records.deadLetter(partition, Map.of("message", controlId), reason,
                    unparseable ? FailureStage.CONNECTOR_PARSE : FailureStage.CONNECTOR_MAPPING, exception, null, null,
                    controlId, incomingMessage == null ? 0 : incomingMessage.length());
        } catch (RuntimeException tooMany) {
            fatal.compareAndSet(null, tooMany);
            return acknowledgement("AE", controlId, "not accepted: the feed stopped on too many errors");
        }
        try {
            if (!handOff(List.of(letter))) {
                LOG.warn("dead letter for message {} not acknowledged by Kafka within {}", controlId, ackTimeout);
                return acknowledgement("AE", controlId, "not recorded in time; send again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return acknowledgement("AE", controlId, "listener stopping; send again");
        }
        return acknowledgement("AR", controlId, reason);
    }

    /** An acknowledgement built by hand, for a message too broken for HAPI to answer. */
    static String acknowledgement(String code, String controlId, String reason) {
        String now = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        String safe = reason.replaceAll("[|^~\\\\&\r\n]", " ");
        return "MSH|^~\\&|ADRD-STREAM|ADRD|||" + now + "||ACK|" + controlId + "-ACK|P|2.5.1\r"
                + "MSA|" + code + "|" + controlId + "|" + safe + "\r";
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

    private static Message generateError(Message message, String reason) throws HL7Exception {
        try {
            return message.generateACK(AcknowledgmentCode.AE, new HL7Exception(reason, ErrorCode.APPLICATION_INTERNAL_ERROR));
        } catch (java.io.IOException e) {
            throw new HL7Exception("cannot build the acknowledgement", e);
        }
    }

    /** MSH-10 read from the raw text, so the dead letter says which message it was; "unknown" if unreadable. */
    static String controlIdOf(String message) {
        if (message == null || message.length() < 8 || !message.startsWith("MSH")) {
            return "unknown";
        }
        String[] fields = message.split("\r", 2)[0].split(java.util.regex.Pattern.quote(String.valueOf(message.charAt(3))), -1);
        return fields.length > 9 && !fields[9].isBlank() ? fields[9] : "unknown";
    }
}
