package org.adrdstream.serde;

import java.util.ArrayList;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The generated classes' data model (their logical-type conversions included) that reads Avro arrays into
 * {@link ArrayList}s. Avro's own array type compares elements with the default model, which lacks those
 * conversions, so two equal {@code PatientHistory} records with nested {@code Instant}s would throw on
 * {@code equals} instead of comparing.
 */
public final class PlainListData extends SpecificData {

    private PlainListData(ClassLoader classLoader) {
        super(classLoader);
    }

    /** The model for reading {@code reader}'s generated class (its conversions, arrays as ArrayLists). */
    public static PlainListData forSchema(Schema reader) {
        SpecificData generated = SpecificData.getForSchema(reader);
        PlainListData model = new PlainListData(generated.getClassLoader());
        generated.getConversions().forEach(model::addLogicalTypeConversion);
        // The generated decoders build Avro arrays themselves; the standard (fast) reader honours newArray.
        // Records without arrays keep the generated decoders, which are faster.
        model.setCustomCoders(!containsArray(reader, new java.util.HashSet<>()));
        return model;
    }

    private static boolean containsArray(Schema schema, java.util.Set<String> seen) {
        return switch (schema.getType()) {
            case ARRAY -> true;
            case MAP -> containsArray(schema.getValueType(), seen);
            case UNION -> schema.getTypes().stream().anyMatch(t -> containsArray(t, seen));
            case RECORD -> seen.add(schema.getFullName())
                    && schema.getFields().stream().anyMatch(f -> containsArray(f.schema(), seen));
            default -> false;
        };
    }

    /** The compiled-in schema of a generated class. */
    static Schema schemaOf(Class<?> type) {
        return SpecificData.get().getSchema(type);
    }

    @Override
    public Object newArray(Object old, int size, Schema schema) {
        if (old instanceof ArrayList<?> list) {
            list.clear();
            return list;
        }
        return new ArrayList<>(size);
    }
}
