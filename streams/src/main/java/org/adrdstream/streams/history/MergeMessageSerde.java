package org.adrdstream.streams.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.serde.InternalAvroSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Wire format of {@link MergeMessage} on the merge topic, which only the application reads: a format byte, a
 * type byte ({@code T} transfer, {@code F} forwarded event), the hop count, then the fields; events and
 * summaries as plain Avro ({@link InternalAvroSerde}), store entries as their stored bytes.
 */
final class MergeMessageSerde implements Serde<MergeMessage> {

    private static final byte FORMAT = 1;
    private static final byte TRANSFER = 'T';
    private static final byte FORWARDED = 'F';
    private static final InternalAvroSerde<ClinicalEvent> EVENT = InternalAvroSerde.of(ClinicalEvent.class);
    private static final InternalAvroSerde<List<CodeSummary>> SUMMARIES = InternalAvroSerde.listOf(CodeSummary.class);

    @Override
    public Serializer<MergeMessage> serializer() {
        return (topic, message) -> message == null ? null : write(message);
    }

    @Override
    public Deserializer<MergeMessage> deserializer() {
        return (topic, data) -> data == null ? null : read(data);
    }

    static byte[] write(MergeMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(message instanceof MergeMessage.Transfer ? TRANSFER : FORWARDED);
            out.writeInt(message.hops());
            if (message instanceof MergeMessage.Transfer transfer) {
                out.writeUTF(transfer.retired());
                out.writeUTF(transfer.survivor());
                writeBytes(out, transfer.header());
                writeEntries(out, transfer.events());
                writeEntries(out, transfer.markers());
                writeBytes(out, SUMMARIES.serialize(null, transfer.summaries()));
            } else {
                writeBytes(out, EVENT.serialize(null, ((MergeMessage.Forwarded) message).event()));
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write a merge message", e);
        }
        return bytes.toByteArray();
    }

    static MergeMessage read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("unknown merge message format " + format);
            }
            byte type = in.readByte();
            int hops = in.readInt();
            return switch (type) {
                case TRANSFER -> new MergeMessage.Transfer(in.readUTF(), in.readUTF(), hops, readBytes(in),
                        readEntries(in), readEntries(in), SUMMARIES.deserialize(null, readBytes(in)));
                case FORWARDED -> new MergeMessage.Forwarded(EVENT.deserialize(null, readBytes(in)), hops);
                default -> throw new SerializationException("unknown merge message type " + type);
            };
        } catch (IOException e) {
            throw new SerializationException("cannot read a merge message", e);
        }
    }

    private static void writeEntries(DataOutputStream out, List<MergeMessage.Transfer.Entry> entries)
            throws IOException {
        out.writeInt(entries.size());
        for (MergeMessage.Transfer.Entry entry : entries) {
            out.writeUTF(entry.eventId());
            writeBytes(out, entry.value());
        }
    }

    private static List<MergeMessage.Transfer.Entry> readEntries(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<MergeMessage.Transfer.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new MergeMessage.Transfer.Entry(in.readUTF(), readBytes(in)));
        }
        return entries;
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }
}
