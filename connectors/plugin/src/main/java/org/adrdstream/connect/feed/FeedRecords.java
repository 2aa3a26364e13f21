package org.adrdstream.connect.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.SourceCoordinates;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns what a feed task read into Connect source records: ClinicalEvents keyed by pseudonym and dead
 * letters keyed by their source coordinates, both already serialized in the registry's Avro wire format
 * (the connectors run with {@code StringConverter} keys and {@code ByteArrayConverter} values, so the bytes
 * on the topic are exactly the platform's contract). Also the feed's checks that need no source format:
 * events dated in the future or before birth.
 */
public final class FeedRecords implements AutoCloseable {

    /** Longest code or unit taken: every recognised code system's codes are far shorter. */
    static final int MAX_CODE_CHARS = 100;
    /** Longest display name, text result or source record id taken. */
    static final int MAX_TEXT_CHARS = 2_000;
    /** What codes of ICD-10(-CM), ICD-9-CM, SNOMED CT, LOINC, RxNorm, CPT/HCPCS and ATC are made of. */
    private static final Pattern CODE_SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]*");

    private final FeedConfig config;
    private final SourceFormat format;
    private final Pseudonymiser pseudonymiser;
    private final SpecificAvroSerializer<ClinicalEvent> events = new SpecificAvroSerializer<>();
    private final SpecificAvroSerializer<DeadLetter> deadLetters = new SpecificAvroSerializer<>();
    private final FeedMetrics metrics;
    private final Clock clock;

    public FeedRecords(FeedConfig config, SourceFormat format, FeedMetrics metrics, Clock clock) {
        this.config = config;
        this.format = format;
        this.metrics = metrics;
        this.clock = clock;
        this.pseudonymiser = Pseudonymiser.withKey(config.pseudonymKey().value());
        Map<String, Object> serde = config.registryClientProperties();
        events.configure(serde, false);
        deadLetters.configure(serde, false);
    }

    public String feed() {
        return config.feedName();
    }

    public Instant now() {
        return clock.instant();
    }

    /** The patient's pseudonym for an identifier issued by {@code issuer}; the identifier goes no further. */
    public String pseudonym(String issuer, String identifier) {
        return pseudonymiser.pseudonym(issuer, identifier);
    }

    /** The event id of a source record: {@code feed:recordRef}, a stable function of the source record. */
    public String eventId(String recordRef) {
        return config.feedName() + ":" + recordRef;
    }

    /** A builder with the fields every event of this feed shares already set. */
    public ClinicalEvent.Builder newEvent(String recordRef) {
        return ClinicalEvent.newBuilder()
                .setEventId(eventId(recordRef))
                .setIngestedAt(now())
                .setEndTime(null).setCode(null).setValue(null).setValueText(null).setUnit(null)
                .setBirthDate(null).setSex(null)
                .setSource(new org.adrdstream.contract.SourceRef(config.feedName(), format, recordRef));
    }

    /** Why an event cannot be accepted (dated in the future or before birth), if it cannot. */
    public Optional<String> problem(ClinicalEvent event, LocalDate birthDate) {
        Optional<String> malformed = malformedField(event);
        if (malformed.isPresent()) {
            return malformed;
        }
        // Reasons name no dates: with the coordinates they would narrow down a birth date.
        if (event.getTime().isAfter(now().plus(config.futureTolerance()))) {
            return Optional.of(event.getKind() + " event time is in the future");
        }
        if (birthDate != null && event.getKind() != EventKind.DEMOGRAPHICS
                && event.getTime().atZone(ZoneOffset.UTC).toLocalDate().isBefore(birthDate)) {
            return Optional.of(event.getKind() + " event time is before the patient's birth");
        }
        return Optional.empty();
    }

    /**
     * A field longer than any real one (codes of every recognised system are short; displays, text results and
     * units are phrases), or a code with characters no code has, is a broken source. Refused here, before an
     * oversized field could make a record larger than the broker takes, which would stop the task instead of
     * dead-lettering one record.
     */
    private static Optional<String> malformedField(ClinicalEvent event) {
        Code code = event.getCode();
        return tooLong("code", code == null ? null : code.getValue(), MAX_CODE_CHARS)
                .or(() -> code == null || CODE_SYNTAX.matcher(code.getValue()).matches() ? Optional.empty()
                        : Optional.of(code.getSystem() + " code with characters no code of any recognised system has "
                        + "(letters, digits, '.' and '-' only)"))
                .or(() -> tooLong("code display", code == null ? null : code.getDisplay(), MAX_TEXT_CHARS))
                .or(() -> tooLong("text value", event.getValueText(), MAX_TEXT_CHARS))
                .or(() -> tooLong("unit", event.getUnit(), MAX_CODE_CHARS))
                .or(() -> tooLong("source record id", event.getEventId(), MAX_TEXT_CHARS));
    }

    private static Optional<String> tooLong(String what, String value, int max) {
        return value != null && value.length() > max
                ? Optional.of(what + " of " + value.length() + " characters (at most " + max + ")") : Optional.empty();
    }

    public SourceRecord event(Map<String, ?> partition, Map<String, ?> offset, ClinicalEvent event) {
        metrics.event();
        byte[] value = events.serialize(config.eventsTopic(), event);
        return new SourceRecord(partition, offset, config.eventsTopic(), null, Schema.STRING_SCHEMA,
                event.getPatientId(), Schema.BYTES_SCHEMA, value, event.getIngestedAt().toEpochMilli());
    }

    /**
     * A dead letter for a source record, without its content (source records carry names and identifiers);
     * fails the task once more than {@link FeedConfig#maxDeadLetters()} have been written. Counted once it is
     * written, so a letter that could not be (the registry unreachable, the message answered AE and sent
     * again) does not count twice.
     */
    public SourceRecord deadLetter(Map<String, ?> partition, Map<String, ?> offset, String reason, FailureStage stage,
                                   Throwable error, String file, Long line, String recordRef, long payloadSize) {
        if (config.maxDeadLetters() >= 0 && metrics.deadLetters() >= config.maxDeadLetters()) {
            throw new ConnectException("more than " + config.maxDeadLetters() + " dead letters ("
                    + FeedConfig.MAX_DEAD_LETTERS_CONFIG + "); last: " + reason + " at " + where(file, line, recordRef));
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setStage(stage)
                .setSource(SourceCoordinates.newBuilder().setFeed(config.feedName()).setFormat(format)
                        .setRecordRef(recordRef).setFile(file).setLine(line)
                        .setTopic(null).setPartition(null).setOffset(null).build())
                .setPayload(null)
                .setPayloadText(null)
                .setPayloadSize(payloadSize)
                .setPayloadTruncated(false)
                .setFailedAt(now())
                .build();
        String key = config.feedName() + ":" + where(file, line, recordRef);
        byte[] value = deadLetters.serialize(config.deadLetterTopic(), letter);
        metrics.deadLetter();
        return new SourceRecord(partition, offset, config.deadLetterTopic(), null, Schema.STRING_SCHEMA, key,
                Schema.BYTES_SCHEMA, value, letter.getFailedAt().toEpochMilli());
    }

    private static String where(String file, Long line, String recordRef) {
        StringBuilder where = new StringBuilder();
        if (file != null) {
            where.append(file);
            if (line != null) {
                where.append(':').append(line);
            }
        }
        if (recordRef != null) {
            where.append(where.isEmpty() ? "" : " ").append(recordRef);
        }
        return where.toString();
    }

    @Override
    public void close() {
        events.close();
        deadLetters.close();
    }
}
