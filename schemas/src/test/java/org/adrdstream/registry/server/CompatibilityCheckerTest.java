package org.adrdstream.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.registry.CompatibilityLevel;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** Incompatibilities name the field a person must fix, not only the schema pointer Avro gives. */
class CompatibilityCheckerTest {

    @Test
    void topLevelTypeChangeNamesTheField() {
        Schema original = ClinicalEvent.getClassSchema();
        List<Schema.Field> fields = original.getFields().stream().map(f -> f.name().equals("time")
                ? new Schema.Field("time", Schema.create(Schema.Type.STRING), f.doc())
                : new Schema.Field(f, f.schema())).toList();
        Schema changed = Schema.createRecord(original.getName(), original.getDoc(), original.getNamespace(), false, fields);

        List<String> problems = CompatibilityChecker.check(CompatibilityLevel.BACKWARD, changed,
                List.of(ClinicalEvent.getClassSchema()));

        assertThat(problems).singleElement().asString().contains("field:time").contains("TYPE_MISMATCH");
    }

    @Test
    void pathsThroughUnionsAndNestedRecordsAreDotted() {
        Schema code = SchemaBuilder.record("Code").fields().requiredString("system").endRecord();
        Schema event = SchemaBuilder.record("Event").fields().requiredString("id").name("code").type()
                .unionOf().nullType().and().type(code).endUnion().nullDefault().endRecord();

        assertThat(CompatibilityChecker.fieldPath(event, "/fields/1/type/1/fields/0/type")).isEqualTo("code.system");
        assertThat(CompatibilityChecker.fieldPath(event, "/")).isEmpty();
        assertThat(CompatibilityChecker.fieldPath(event, "/fields/9/type")).as("beyond the schema").isEmpty();
    }
}
