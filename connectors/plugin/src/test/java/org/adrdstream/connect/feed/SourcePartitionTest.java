package org.adrdstream.connect.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

class SourcePartitionTest {

    private static final Comparator<Map<String, Object>> BY_LINE =
            Comparator.comparingLong(o -> ((Number) o.get("line")).longValue());

    @Test
    void aPartitionIsStoredWithItsKeysInTheGivenOrder() {
        Map<String, String> partition = SourcePartition.of("directory", "/data/omop", "table", "person");

        assertThat(stored(partition)).isEqualTo("{\"directory\":\"/data/omop\",\"table\":\"person\"}");
        assertThat(stored(SourcePartition.of("directory", "/data/omop", "table", "person"))).isEqualTo(stored(partition));
    }

    @Test
    void anOffsetStoredUnderTheKeysOtherOrderIsFound() {
        ByStoredForm reader = new ByStoredForm();
        reader.commit(SourcePartition.of("table", "person", "directory", "/data/omop"), Map.of("line", 41L));

        assertThat(SourcePartition.committedOffset(reader, SourcePartition.of("directory", "/data/omop", "table", "person"),
                BY_LINE)).contains(Map.of("line", 41L));
    }

    @Test
    void ofOffsetsUnderBothOrdersTheFurthestIsTaken() {
        ByStoredForm reader = new ByStoredForm();
        Map<String, String> partition = SourcePartition.of("directory", "/data/omop", "table", "person");
        reader.commit(partition, Map.of("line", 12L));
        reader.commit(SourcePartition.of("table", "person", "directory", "/data/omop"), Map.of("line", 41L));

        assertThat(SourcePartition.committedOffset(reader, partition, BY_LINE)).contains(Map.of("line", 41L));
        assertThat(SourcePartition.committedOffset(new ByStoredForm(), partition, BY_LINE)).isEmpty();
    }

    private static String stored(Map<String, ?> partition) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        return new String(converter.fromConnectData("offsets", null, partition), StandardCharsets.UTF_8);
    }

    /** Offsets looked up by the partition's serialized form, as Connect's offset stores do. */
    private static final class ByStoredForm implements OffsetStorageReader {

        private final Map<String, Map<String, Object>> offsets = new HashMap<>();

        void commit(Map<String, String> partition, Map<String, Object> offset) {
            offsets.put(stored(partition), offset);
        }

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return offsets.get(stored(partition));
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> found = new LinkedHashMap<>();
            partitions.forEach(p -> found.put(p, offset(p)));
            return found;
        }
    }
}
