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
                describe("new schema cannot read data written with an earlier one", candidate,
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing), problems);
            }
            if (level.forward()) {
                describe("an earlier schema cannot read data written with the new one", existing,
                        SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate), problems);
            }
        }
        return problems;
    }

    private static void describe(String direction, Schema reader, SchemaPairCompatibility result, List<String> problems) {
        for (Incompatibility problem : result.getResult().getIncompatibilities()) {
            String field = fieldPath(reader, problem.getLocation());
            problems.add("{type:" + problem.getType() + ", location:" + problem.getLocation()
                    + (field.isEmpty() ? "" : ", field:" + field)
                    + ", message:" + problem.getMessage() + ", description:" + direction + "}");
        }
    }

    /**
     * The field an Avro location points at, as dotted names ({@code /fields/3/type} of ClinicalEvent is
     * {@code time}; nested records give {@code code.system}): what a person fixing the schema looks for,
     * where the pointer only counts. Empty for the record itself or a location it cannot follow.
     */
    static String fieldPath(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema schema = reader;
        String[] parts = location.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("fields") && schema.getType() == Schema.Type.RECORD && i + 1 < parts.length
                    && parts[i + 1].matches("\\d+") && Integer.parseInt(parts[i + 1]) < schema.getFields().size()) {
                Schema.Field field = schema.getFields().get(Integer.parseInt(parts[++i]));
                names.add(field.name());
                schema = field.schema();
            } else if (part.matches("\\d+") && schema.getType() == Schema.Type.UNION
                    && Integer.parseInt(part) < schema.getTypes().size()) {
                schema = schema.getTypes().get(Integer.parseInt(part));
            } else if (part.equals("items") && schema.getType() == Schema.Type.ARRAY) {
                schema = schema.getElementType();
            } else if (part.equals("values") && schema.getType() == Schema.Type.MAP) {
                schema = schema.getValueType();
            } else if (!part.isEmpty() && !part.equals("type")) {
                break; // symbols, size, name: inside the field already named
            }
        }
        return String.join(".", names);
    }
}
