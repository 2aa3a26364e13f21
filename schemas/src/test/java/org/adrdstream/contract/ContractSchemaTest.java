package org.adrdstream.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The contracts document themselves and type their times, as docs/DESIGN.md section 4 requires. */
class ContractSchemaTest {

    @Test
    void everyRecordEnumAndFieldHasADoc() {
        List<String> undocumented = new ArrayList<>();
        forEachNamedType(schema -> {
            if (blank(schema.getDoc())) {
                undocumented.add(schema.getFullName());
            }
            if (schema.getType() == Schema.Type.RECORD) {
                schema.getFields().stream().filter(f -> blank(f.doc()))
                        .forEach(f -> undocumented.add(schema.getName() + "." + f.name()));
            }
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    void timesAndDatesUseLogicalTypes() {
        List<String> untyped = new ArrayList<>();
        forEachNamedType(schema -> {
            if (schema.getType() != Schema.Type.RECORD) {
                return;
            }
            for (Schema.Field field : schema.getFields()) {
                Schema type = nonNull(field.schema());
                boolean isTime = field.name().equals("time") || field.name().endsWith("_time")
                        || field.name().endsWith("_at") || field.name().startsWith("observation_");
                boolean isDate = field.name().endsWith("_date");
                if (isTime && !(type.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
                    untyped.add(schema.getName() + "." + field.name() + " should be timestamp-millis");
                }
                if (isDate && !(type.getLogicalType() instanceof LogicalTypes.Date)) {
                    untyped.add(schema.getName() + "." + field.name() + " should be date");
                }
            }
        });
        assertThat(untyped).isEmpty();
    }

    @Test
    void everyContractLivesInTheContractNamespace() {
        forEachNamedType(schema -> assertThat(schema.getNamespace()).isEqualTo("org.adrdstream.contract"));
    }

    @Test
    void samplesSetEveryOptionalField() {
        for (SpecificRecord sample : ContractSamples.all()) {
            for (Schema.Field field : sample.getSchema().getFields()) {
                assertThat(ContractSamples.all()).as("%s.%s", sample.getSchema().getName(), field.name())
                        .anySatisfy(other -> {
                            assertThat(other.getSchema()).isEqualTo(sample.getSchema());
                            assertThat(other.get(field.pos())).isNotNull();
                        });
            }
        }
    }

    private static void forEachNamedType(java.util.function.Consumer<Schema> action) {
        Set<String> seen = new HashSet<>();
        for (SpecificRecord sample : ContractSamples.all()) {
            visit(sample.getSchema(), seen, action);
        }
    }

    private static void visit(Schema schema, Set<String> seen, java.util.function.Consumer<Schema> action) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    action.accept(schema);
                    schema.getFields().forEach(f -> visit(f.schema(), seen, action));
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName())) {
                    action.accept(schema);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> visit(t, seen, action));
            case ARRAY -> visit(schema.getElementType(), seen, action);
            case MAP -> visit(schema.getValueType(), seen, action);
            default -> { }
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElse(schema);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
