package org.adrdstream.streams.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import org.adrdstream.contract.Sex;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store format of {@link HistoryHeader}: a format byte, a bit mask of the fields present, a byte of flags,
 * then the fields as fixed-width numbers — about 40 bytes, cheap to write on every event.
 */
final class HistoryHeaderSerde implements Serde<HistoryHeader> {

    /**
     * Format 5 added the flags byte (bit 1: indexed); format 4 added mergedInto (bit 128, as UTF); format 3 added
     * lastIngestedAt (bit 64). Headers of formats 2 to 4, from stores written before, still read, as indexed:
     * nothing recorded whether their patients have index entries.
     */
    private static final byte FORMAT = 5;
    private static final byte FORMAT_WITHOUT_FLAGS = 4;
    private static final byte FORMAT_WITHOUT_MERGES = 3;
    private static final byte FORMAT_WITHOUT_INGESTION_TIME = 2;

    @Override
    public Serializer<HistoryHeader> serializer() {
        return (topic, header) -> header == null ? null : write(header);
    }

    @Override
    public Deserializer<HistoryHeader> deserializer() {
        return (topic, data) -> data == null ? null : read(data);
    }

    static byte[] write(HistoryHeader h) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeByte((h.birthDate() != null ? 1 : 0) | (h.deathDate() != null ? 2 : 0)
                    | (h.observationStart() != null ? 4 : 0) | (h.observationEnd() != null ? 8 : 0) | (h.due() ? 16 : 0)
                    | (h.demographicsAt() != null ? 32 : 0) | (h.lastIngestedAt() != null ? 64 : 0)
                    | (h.mergedInto() != null ? 128 : 0));
            out.writeByte(h.indexed() ? 1 : 0);
            out.writeByte(h.sex().ordinal());
            if (h.birthDate() != null) {
                out.writeLong(h.birthDate().toEpochDay());
            }
            if (h.demographicsAt() != null) {
                out.writeLong(h.demographicsAt().toEpochMilli());
            }
            if (h.deathDate() != null) {
                out.writeLong(h.deathDate().toEpochDay());
            }
            if (h.observationStart() != null) {
                out.writeLong(h.observationStart().toEpochMilli());
            }
            if (h.observationEnd() != null) {
                out.writeLong(h.observationEnd().toEpochMilli());
            }
            out.writeLong(h.version());
            out.writeInt(h.detailedEvents());
            if (h.lastIngestedAt() != null) {
                out.writeLong(h.lastIngestedAt().toEpochMilli());
            }
            if (h.mergedInto() != null) {
                out.writeUTF(h.mergedInto());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot write history header", e);
        }
    }

    static HistoryHeader read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_WITHOUT_FLAGS && format != FORMAT_WITHOUT_MERGES
                    && format != FORMAT_WITHOUT_INGESTION_TIME) {
                throw new SerializationException("unknown history header format " + format);
            }
            int present = in.readByte() & 0xFF;
            boolean indexed = format != FORMAT || (in.readByte() & 1) != 0;
            Sex sex = Sex.values()[in.readByte()];
            LocalDate birth = (present & 1) != 0 ? LocalDate.ofEpochDay(in.readLong()) : null;
            Instant demographicsAt = (present & 32) != 0 ? Instant.ofEpochMilli(in.readLong()) : null;
            LocalDate death = (present & 2) != 0 ? LocalDate.ofEpochDay(in.readLong()) : null;
            Instant start = (present & 4) != 0 ? Instant.ofEpochMilli(in.readLong()) : null;
            Instant end = (present & 8) != 0 ? Instant.ofEpochMilli(in.readLong()) : null;
            long version = in.readLong();
            int detailed = in.readInt();
            Instant ingestedAt = (present & 64) != 0 ? Instant.ofEpochMilli(in.readLong()) : null;
            String mergedInto = (present & 128) != 0 ? in.readUTF() : null;
            return new HistoryHeader(birth, sex, demographicsAt, death, start, end, version, detailed,
                    (present & 16) != 0, ingestedAt, mergedInto, indexed);
        } catch (IOException e) {
            throw new SerializationException("cannot read history header", e);
        }
    }
}
