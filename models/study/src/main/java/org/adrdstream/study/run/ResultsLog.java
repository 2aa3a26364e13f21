package org.adrdstream.study.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** Appends one result and forces it to disk. */
    public void append(ConfigurationResult result) throws IOException {
        byte[] line = (JSON.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap(line));
            channel.force(true);
        }
    }
}
