package org.adrdstream.registry.server;

/** Small Avro schemas for evolving one subject through compatible and incompatible changes. */
final class TestSchemas {

    /** v1: one required field. */
    static final String V1 = """
            {"type":"record","name":"Visit","namespace":"test","fields":[
              {"name":"patient","type":"string"}]}""";

    /** v2: adds an optional field with a default — BACKWARD and FORWARD compatible with v1. */
    static final String V2_WITH_DEFAULT = """
            {"type":"record","name":"Visit","namespace":"test","fields":[
              {"name":"patient","type":"string"},
              {"name":"ward","type":["null","string"],"default":null}]}""";

    /** Adds a required field without default — new readers cannot read v1 data: not BACKWARD compatible. */
    static final String V2_REQUIRED_FIELD = """
            {"type":"record","name":"Visit","namespace":"test","fields":[
              {"name":"patient","type":"string"},
              {"name":"ward","type":"string"}]}""";

    /** Changes the type of an existing field — incompatible both ways. */
    static final String V2_TYPE_CHANGE = """
            {"type":"record","name":"Visit","namespace":"test","fields":[
              {"name":"patient","type":"int"}]}""";

    static final String NOT_A_SCHEMA = "{\"type\":\"record\",\"name\":\"Broken\",\"fields\":[{\"name\":\"x\"}]}";

    private TestSchemas() {
    }
}
