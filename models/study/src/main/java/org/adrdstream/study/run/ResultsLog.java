package org.adrdstream.study.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * {@code results.jsonl}: one JSON line per finished configuration, appended and forced to disk as each
 * finishes, so a crash loses at most the configuration in progress. A torn last line (a crash while writing)
 * is ignored on reading, and that configuration runs again.
 */
public final class ResultsLog {

    public static final String FILE = "results.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public ResultsLog(Path directory) {
        this.file = directory.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** The finished configurations by id, in the order they finished (a later line for an id wins). */
    public Map<String, ConfigurationResult> read() throws IOException {
        Map<String, ConfigurationResult> results = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return results;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                ConfigurationResult result = JSON.readValue(line, ConfigurationResult.class);
                results.put(result.id(), result);
            } catch (JsonProcessingException torn) {
                // a line cut short by a crash: that configuration is simply not done
            }
        }
        return results;
    }

    /**
     * The finished model configuration with the highest validation AUROC (never chosen on the test set, which
     * would make its test figures optimistic); empty when no model has finished.
     */
    public Optional<ConfigurationResult> bestByValidationAuroc() throws IOException {
        return read().values().stream()
                .filter(r -> r.model() != null && r.training().get("validation_auroc") != null)
                .max(Comparator.comparingDouble(r -> r.training().get("validation_auroc")));
    }

    /** Appends one result and forces it to disk; a torn last line is ended first, so it stays one bad line. */
    public void append(ConfigurationResult result) throws IOException {
        String line = JSON.writeValueAsString(result) + "\n";
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, channel.size() - 1);
                if (last.get(0) != '\n') {
                    line = "\n" + line;
                }
            }
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            long end = channel.size();
            while (bytes.hasRemaining()) {
                end += channel.write(bytes, end);
            }
            channel.force(true);
        }
    }
}
