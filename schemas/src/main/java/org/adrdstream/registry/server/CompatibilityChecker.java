package org.adrdstream.registry.server;

import java.util.ArrayList;
import java.util.List;

import org.adrdstream.registry.CompatibilityLevel;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Applies a {@link CompatibilityLevel} with Avro's own reader/writer {@link SchemaCompatibility} rules. */
final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * Checks {@code candidate} against earlier versions, oldest first.
     *
     * @return why the candidate is incompatible; empty when it may be registered
     */
    static List<String> check(CompatibilityLevel level, Schema candidate, List<Schema> earlier) {
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return List.of();
        }
        List<Schema> targets = level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Schema existing : targets) {
            if (level.backward()) {
                describe("new schema cannot read data written with an earlier one",
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing), problems);
            }
            if (level.forward()) {
                describe("an earlier schema cannot read data written with the new one",
                        SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate), problems);
            }
        }
        return problems;
    }

    private static void describe(String direction, SchemaPairCompatibility result, List<String> problems) {
        for (Incompatibility problem : result.getResult().getIncompatibilities()) {
            problems.add("{type:" + problem.getType() + ", location:" + problem.getLocation()
                    + ", message:" + problem.getMessage() + ", description:" + direction + "}");
        }
    }
}
