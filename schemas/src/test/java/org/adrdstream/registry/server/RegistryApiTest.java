package org.adrdstream.registry.server;

import static org.adrdstream.registry.server.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.RegistryHttp.Answer;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Confluent REST API as clients see it: status codes, error codes, JSON shapes, content type. */
@ExtendWith(EmbeddedKafkaExtension.class)
class RegistryApiTest {

    private static final String SUBJECT = "visits-value";
    private EmbeddedSchemaRegistry registry;
    private RegistryHttp http;

    @BeforeEach
    void startRegistry(EmbeddedKafkaBroker kafka) {
        registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start();
        http = new RegistryHttp(registry.url());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void registeringReturnsAnIdAndReRegisteringTheSameSchemaReturnsTheSameId() {
        Answer first = http.post("/subjects/" + SUBJECT + "/versions", schemaBody(TestSchemas.V1));
        Answer again = http.post("/subjects/" + SUBJECT + "/versions",
                schemaBody(TestSchemas.V1.replace("\n", " ").replace(",", " , ")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(first.json().get("id").asInt()).isPositive();
        assertThat(again.json().get("id").asInt()).isEqualTo(first.json().get("id").asInt());
        assertThat(http.get("/subjects/" + SUBJECT + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void theSameSchemaUnderAnotherSubjectKeepsItsGlobalId() {
        int id = register(SUBJECT, TestSchemas.V1);

        assertThat(register("other-value", TestSchemas.V1)).isEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id + "/versions").json().size()).isEqualTo(2);
    }

    @Test
    void versionsAndSchemasAreServedInConfluentShapes() {
        int id = register(SUBJECT, TestSchemas.V1);
        String canonical = new Schema.Parser().parse(TestSchemas.V1).toString();

        Answer version = http.get("/subjects/" + SUBJECT + "/versions/1");
        assertThat(version.json().get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(version.json().get("version").asInt()).isEqualTo(1);
        assertThat(version.json().get("id").asInt()).isEqualTo(id);
        assertThat(version.json().get("schema").asText()).isEqualTo(canonical);
        assertThat(http.get("/subjects/" + SUBJECT + "/versions/latest").json()).isEqualTo(version.json());
        assertThat(http.get("/subjects/" + SUBJECT + "/versions/-1").json()).isEqualTo(version.json());
        assertThat(http.get("/subjects/" + SUBJECT + "/versions/1/schema").body()).isEqualTo(canonical);
        assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText()).isEqualTo(canonical);
        assertThat(http.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(canonical);
        assertThat(http.get("/subjects").body()).isEqualTo("[\"" + SUBJECT + "\"]");
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void lookupFindsTheVersionHoldingASchema() {
        int id = register(SUBJECT, TestSchemas.V1);
        register(SUBJECT, TestSchemas.V2_WITH_DEFAULT);

        Answer found = http.post("/subjects/" + SUBJECT, schemaBody(TestSchemas.V1));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        assertThat(found.json().get("id").asInt()).isEqualTo(id);
        assertError(http.post("/subjects/" + SUBJECT, schemaBody(TestSchemas.V2_TYPE_CHANGE)), 404, 40403);
        assertError(http.post("/subjects/nobody-value", schemaBody(TestSchemas.V1)), 404, 40401);
    }

    @Test
    void missingThingsAnswerConfluentErrorCodes() {
        register(SUBJECT, TestSchemas.V1);

        assertError(http.get("/subjects/nobody-value/versions"), 404, 40401);
        assertError(http.get("/subjects/" + SUBJECT + "/versions/7"), 404, 40402);
        assertError(http.get("/schemas/ids/9999"), 404, 40403);
        assertError(http.get("/subjects/" + SUBJECT + "/versions/0"), 422, 42202);
        assertError(http.get("/subjects/" + SUBJECT + "/versions/first"), 422, 42202);
        assertError(http.get("/no/such/endpoint"), 404, 404);
        assertError(http.send("PATCH", "/subjects", null), 405, 405);
    }

    @Test
    void compatibleEvolutionIsAcceptedAsANewVersion() {
        int v1 = register(SUBJECT, TestSchemas.V1);
        int v2 = register(SUBJECT, TestSchemas.V2_WITH_DEFAULT);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(http.get("/subjects/" + SUBJECT + "/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void incompatibleSchemaIsRefusedWith409AndNotStored() {
        register(SUBJECT, TestSchemas.V1);

        Answer refused = http.post("/subjects/" + SUBJECT + "/versions", schemaBody(TestSchemas.V2_REQUIRED_FIELD));

        assertError(refused, 409, 409);
        assertThat(refused.json().get("message").asText()).contains("incompatible").contains("ward");
        assertThat(http.get("/subjects/" + SUBJECT + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void invalidSchemaIsRefusedWith42201() {
        assertError(http.post("/subjects/" + SUBJECT + "/versions", schemaBody(TestSchemas.NOT_A_SCHEMA)), 422, 42201);
        assertError(http.post("/subjects/" + SUBJECT + "/versions", "{\"schema\":\"{not json\"}"), 422, 42201);
        assertError(http.post("/subjects/" + SUBJECT + "/versions",
                "{\"schema\":\"syntax = 'proto3';\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
        assertError(http.post("/subjects/" + SUBJECT + "/versions", "not json at all"), 422, 422);
    }

    @Test
    void compatibilityEndpointExplainsIncompatibility() {
        register(SUBJECT, TestSchemas.V1);
        String path = "/compatibility/subjects/" + SUBJECT + "/versions/latest?verbose=true";

        Answer ok = http.post(path, schemaBody(TestSchemas.V2_WITH_DEFAULT));
        Answer bad = http.post(path, schemaBody(TestSchemas.V2_TYPE_CHANGE));

        assertThat(ok.json().get("is_compatible").asBoolean()).isTrue();
        assertThat(ok.json().get("messages")).isEmpty();
        assertThat(bad.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.json().get("messages").toString()).contains("TYPE_MISMATCH");
        assertThat(http.post("/compatibility/subjects/" + SUBJECT + "/versions/1",
                schemaBody(TestSchemas.V2_TYPE_CHANGE)).json().has("messages")).isFalse();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() {
        String onlyPatientString = TestSchemas.V1;
        String empty = "{\"type\":\"record\",\"name\":\"Visit\",\"namespace\":\"test\",\"fields\":[]}";
        String patientIntWithDefault = """
                {"type":"record","name":"Visit","namespace":"test","fields":[
                  {"name":"patient","type":"int","default":0}]}""";
        register(SUBJECT, onlyPatientString);
        register(SUBJECT, empty);

        String check = "/compatibility/subjects/" + SUBJECT + "/versions";
        assertThat(http.post(check, schemaBody(patientIntWithDefault)).json().get("is_compatible").asBoolean())
                .as("BACKWARD checks the latest version only").isTrue();
        http.put("/config/" + SUBJECT, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        assertThat(http.post(check, schemaBody(patientIntWithDefault)).json().get("is_compatible").asBoolean())
                .as("BACKWARD_TRANSITIVE also checks version 1, whose patient was a string").isFalse();
    }

    @Test
    void forwardRefusesWhatOldReadersCannotReadAndBackwardWhatNewReadersCannot() {
        String dropsPatient = "{\"type\":\"record\",\"name\":\"Visit\",\"namespace\":\"test\",\"fields\":[]}";
        register(SUBJECT, TestSchemas.V1);
        http.put("/config/" + SUBJECT, "{\"compatibility\":\"FORWARD\"}");

        assertError(http.post("/subjects/" + SUBJECT + "/versions", schemaBody(dropsPatient)), 409, 409);
        assertThat(register(SUBJECT, TestSchemas.V2_REQUIRED_FIELD))
                .as("v1 readers ignore the new required field").isPositive();

        String wardReplacedByOptionalBed = "{\"type\":\"record\",\"name\":\"Visit\",\"namespace\":\"test\","
                + "\"fields\":[{\"name\":\"patient\",\"type\":\"string\"},"
                + "{\"name\":\"bed\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
        http.put("/config/" + SUBJECT, "{\"compatibility\":\"FULL\"}");
        assertError(http.post("/subjects/" + SUBJECT + "/versions", schemaBody(wardReplacedByOptionalBed)), 409, 409);
        http.put("/config/" + SUBJECT, "{\"compatibility\":\"BACKWARD\"}");
        assertThat(register(SUBJECT, wardReplacedByOptionalBed)).as("new readers ignore the dropped ward").isPositive();
    }

    @Test
    void forwardTransitiveChecksEveryEarlierVersion() {
        String wardString = TestSchemas.V2_REQUIRED_FIELD;
        String noWard = "{\"type\":\"record\",\"name\":\"Visit\",\"namespace\":\"test\",\"fields\":["
                + "{\"name\":\"patient\",\"type\":\"string\"}]}";
        String wardLongWithDefault = "{\"type\":\"record\",\"name\":\"Visit\",\"namespace\":\"test\",\"fields\":["
                + "{\"name\":\"patient\",\"type\":\"string\"},{\"name\":\"ward\",\"type\":\"long\",\"default\":0}]}";
        http.put("/config/" + SUBJECT, "{\"compatibility\":\"NONE\"}");
        register(SUBJECT, wardString);
        register(SUBJECT, noWard);

        http.put("/config/" + SUBJECT, "{\"compatibility\":\"FORWARD\"}");
        String check = "/compatibility/subjects/" + SUBJECT + "/versions";
        assertThat(http.post(check, schemaBody(wardLongWithDefault)).json().get("is_compatible").asBoolean()).isTrue();
        http.put("/config/" + SUBJECT, "{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        assertThat(http.post(check, schemaBody(wardLongWithDefault)).json().get("is_compatible").asBoolean())
                .as("version 1 reads ward as a string").isFalse();
    }

    @Test
    void compatibilityOfASubjectWithoutVersionsIsTrue() {
        Answer answer = http.post("/compatibility/subjects/new-value/versions/latest", schemaBody(TestSchemas.V1));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void softDeletedVersionsAreListedWithDeletedTrue() {
        register(SUBJECT, TestSchemas.V1);
        http.delete("/subjects/" + SUBJECT);

        assertThat(http.get("/subjects/" + SUBJECT + "/versions?deleted=true").body()).isEqualTo("[1]");
        assertThat(http.get("/subjects/" + SUBJECT + "/versions/1?deleted=true").status()).isEqualTo(200);
        assertThat(http.post("/subjects/" + SUBJECT + "?deleted=true", schemaBody(TestSchemas.V1)).status())
                .isEqualTo(200);
        assertError(http.delete("/subjects/" + SUBJECT), 404, 40404);
    }

    @Test
    void softDeleteClearsTheSubjectLevel() {
        register(SUBJECT, TestSchemas.V1);
        http.put("/config/" + SUBJECT, "{\"compatibility\":\"NONE\"}");

        http.delete("/subjects/" + SUBJECT);

        assertError(http.get("/config/" + SUBJECT), 404, 40408);
    }

    @Test
    void permanentDeleteHidesVersionsButKeepsTheIdResolvable() {
        int id = register(SUBJECT, TestSchemas.V1);
        http.delete("/subjects/" + SUBJECT);

        assertThat(http.delete("/subjects/" + SUBJECT + "?permanent=true").body()).isEqualTo("[1]");
        assertError(http.get("/subjects/" + SUBJECT + "/versions?deleted=true"), 404, 40401);
        assertThat(http.get("/subjects?deleted=true").body()).isEqualTo("[]");
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
    }

    @Test
    void compatibilityLevelsAreSetGloballyAndPerSubject() {
        register(SUBJECT, TestSchemas.V1);

        assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertError(http.get("/config/" + SUBJECT), 404, 40408);
        assertThat(http.get("/config/" + SUBJECT + "?defaultToGlobal=true").json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");

        Answer set = http.put("/config/" + SUBJECT, "{\"compatibility\":\"NONE\"}");
        assertThat(set.json().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(register(SUBJECT, TestSchemas.V2_TYPE_CHANGE)).isPositive();
        assertThat(http.get("/config/" + SUBJECT).json().get("compatibilityLevel").asText()).isEqualTo("NONE");

        assertError(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertThat(http.put("/config", "{\"compatibility\":\"FULL\"}").json().get("compatibility").asText())
                .isEqualTo("FULL");
        assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(http.delete("/config/" + SUBJECT).status()).isEqualTo(200);
        assertError(http.get("/config/" + SUBJECT), 404, 40408);
    }

    @Test
    void softDeletedSubjectDisappearsAndKeepsNumberingWhenRegisteredAgain() {
        int id = register(SUBJECT, TestSchemas.V1);
        register(SUBJECT, TestSchemas.V2_WITH_DEFAULT);

        assertError(http.delete("/subjects/" + SUBJECT + "?permanent=true"), 404, 40405);
        assertThat(http.delete("/subjects/" + SUBJECT).body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects").body()).isEqualTo("[]");
        assertThat(http.get("/subjects?deleted=true").body()).isEqualTo("[\"" + SUBJECT + "\"]");
        assertError(http.get("/subjects/" + SUBJECT + "/versions"), 404, 40401);
        assertThat(http.get("/schemas/ids/" + id).status()).as("ids stay resolvable for old records").isEqualTo(200);

        assertThat(register(SUBJECT, TestSchemas.V1)).isEqualTo(id);
        assertThat(http.get("/subjects/" + SUBJECT + "/versions").body()).isEqualTo("[3]");
    }

    private int register(String subject, String schema) {
        Answer answer = http.post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(answer.status()).as("register answer %s", answer.body()).isEqualTo(200);
        return answer.json().get("id").asInt();
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(answer.json().get("error_code").asInt()).as("error_code of %s", answer.body()).isEqualTo(errorCode);
        assertThat(answer.json().get("message").asText()).isNotBlank();
    }
}
