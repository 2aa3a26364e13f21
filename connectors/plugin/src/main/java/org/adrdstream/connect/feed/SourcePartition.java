package org.adrdstream.connect.feed;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A file connector's source partition (directory and file or table) whose stored form is the same in every
 * run. Connect keeps offsets under the partition's serialized bytes, and {@code Map.of} iterates in an order
 * randomised per JVM: a partition built with it was, after about half of all process restarts, another key,
 * so the task found no offset and read its files again from the start (at least once still held by the
 * stable event ids; under exactly-once the records were written twice). Here the keys keep the given order.
 */
public final class SourcePartition {

    private SourcePartition() {
    }

    /** {@code {firstKey: first, secondKey: second}}, serialized in that order. */
    public static Map<String, String> of(String firstKey, String first, String secondKey, String second) {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put(firstKey, first);
        partition.put(secondKey, second);
        return java.util.Collections.unmodifiableMap(partition);
    }

    /**
     * The offset committed for {@code partition}, looking also under its keys' other order, where builds before
     * this class wrote them; of two, the one {@code progress} ranks furthest (a file is read front to back).
     * So an operator resetting a file's offset (Connect's offsets API) must reset it under both orders.
     */
    public static Optional<Map<String, Object>> committedOffset(OffsetStorageReader reader, Map<String, String> partition,
                                                                Comparator<Map<String, Object>> progress) {
        var keys = partition.keySet().toArray(String[]::new);
        Map<String, String> swapped = of(keys[1], partition.get(keys[1]), keys[0], partition.get(keys[0]));
        return Stream.of(reader.offset(partition), reader.offset(swapped))
                .filter(java.util.Objects::nonNull)
                .max(progress);
    }
}
