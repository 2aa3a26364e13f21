package org.adrdstream.cli;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a standalone worker's offsets file (Connect's FileOffsetBackingStore: a serialized map of JSON keys
 * {@code [connector, partition]} to JSON offsets) without touching the worker. A file caught mid-write reads
 * as empty; the caller simply asks again.
 */
final class SourceOffsetsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceOffsetsFile() {
    }

    /** The committed offsets of {@code connector}, by source partition. */
    static Map<Map<String, Object>, Map<String, Object>> read(Path file, String connector) {
        Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return offsets;
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            Map<?, ?> raw = (Map<?, ?>) in.readObject();
            for (Map.Entry<?, ?> entry : raw.entrySet()) {
                if (entry.getKey() == null || entry.getValue() == null) {
                    continue;
                }
                List<Object> key = JSON.readValue(bytes(entry.getKey()), new TypeReference<>() { });
                if (key.size() == 2 && connector.equals(key.get(0)) && key.get(1) instanceof Map<?, ?> partition) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) partition;
                    offsets.put(typed, JSON.readValue(bytes(entry.getValue()), new TypeReference<>() { }));
                }
            }
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            return new HashMap<>(); // being rewritten right now
        }
        return offsets;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] array = new byte[buffer.remaining()];
        buffer.get(array);
        return array;
    }
}
