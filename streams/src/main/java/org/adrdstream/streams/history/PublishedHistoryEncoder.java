package org.adrdstream.streams.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.adrdstream.contract.CodeSummary;
import org.adrdstream.serde.WireFormat;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes a publication of {@code PatientHistory} in the Confluent wire format straight from the stored
 * state: the detailed events are copied as the Avro bytes they are stored as (the same schema), so
 * publishing a long history costs a copy per event rather than a decode and an encode. The output is
 * byte-for-byte what the registry serializer writes for the same history ({@code PublishedHistoryEncoderTest}).
 *
 * <p>Field order follows {@code PatientHistory.avsc}; a change there must change {@link #encode} too.
 */
final class PublishedHistoryEncoder {

    private final int schemaId;
    private final SpecificDatumWriter<CodeSummary> summaryWriter = new SpecificDatumWriter<>(
            CodeSummary.getClassSchema(), SpecificData.getForSchema(CodeSummary.getClassSchema()));

    /** @param schemaId the registry id of the {@code PatientHistory} schema under the histories subject */
    PublishedHistoryEncoder(int schemaId) {
        this.schemaId = schemaId;
    }

    /** The wire-format bytes of the history; {@code events} are stored event bytes, oldest first. */
    byte[] encode(String patient, HistoryHeader header, List<StoredEvents.Stored> events, List<CodeSummary> summaries,
                  Instant now) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 + events.size() * 128);
            out.write(ByteBuffer.allocate(WireFormat.HEADER_SIZE).put(WireFormat.MAGIC_BYTE).putInt(schemaId).array());
            BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(out, null);
            TimeSpan span = TimeSpan.of(events, summaries);
            avro.writeString(patient);
            writeOptionalDate(avro, header.birthDate());
            avro.writeEnum(header.sex().ordinal());
            writeOptionalDate(avro, header.deathDate());
            writeOptionalTime(avro, header.observationStart() != null ? header.observationStart() : span.first());
            writeOptionalTime(avro, ObservationPeriod.later(header.observationEnd(), span.last()));
            avro.writeArrayStart();
            avro.setItemCount(events.size());
            for (StoredEvents.Stored event : events) {
                avro.startItem();
                avro.writeFixed(event.bytes());
            }
            avro.writeArrayEnd();
            avro.writeArrayStart();
            avro.setItemCount(summaries.size());
            for (CodeSummary summary : summaries) {
                avro.startItem();
                summaryWriter.write(summary, avro);
            }
            avro.writeArrayEnd();
            avro.writeLong(header.version());
            writeOptionalTime(avro, span.last());
            avro.writeLong(now.toEpochMilli());
            writeOptionalTime(avro, header.lastIngestedAt());
            avro.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the history of " + patient, e);
        }
    }

    private static void writeOptionalDate(BinaryEncoder avro, LocalDate date) throws IOException {
        avro.writeIndex(date == null ? 0 : 1);
        if (date != null) {
            avro.writeInt((int) date.toEpochDay());
        }
    }

    private static void writeOptionalTime(BinaryEncoder avro, Instant time) throws IOException {
        avro.writeIndex(time == null ? 0 : 1);
        if (time != null) {
            avro.writeLong(time.toEpochMilli());
        }
    }

    /** Earliest and latest clinical time in the detailed events and summaries. */
    private record TimeSpan(Instant first, Instant last) {
        static TimeSpan of(List<StoredEvents.Stored> events, List<CodeSummary> summaries) {
            Instant first = events.isEmpty() ? null : events.get(0).time();
            Instant last = events.isEmpty() ? null : events.get(events.size() - 1).time();
            for (CodeSummary summary : summaries) {
                first = ObservationPeriod.earlier(first, summary.getFirstTime());
                last = ObservationPeriod.later(last, summary.getLastTime());
            }
            return new TimeSpan(first, last);
        }
    }
}
