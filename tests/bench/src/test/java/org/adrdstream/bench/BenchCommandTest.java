package org.adrdstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The harness runs both topologies and writes what the results table promises (speed is not judged here). */
class BenchCommandTest {

    @Test
    void quickHistorySuiteWritesMediansForEveryTopology(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "history", "--quick", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("history.json")));
        assertThat(json.path("parameters").path("events").asInt()).isEqualTo(200_000);
        assertThat(json.path("metrics").path("pass_through_events_per_s").path("median").asDouble()).isPositive();
        assertThat(json.path("metrics").path("store_floor_events_per_s").path("median").asDouble()).isPositive();
        assertThat(json.path("metrics").path("history_events_per_s").path("median").asDouble()).isPositive();
        assertThat(json.path("metrics").path("rocksdb_bytes_per_patient").path("median").asDouble()).isPositive();
        assertThat(json.path("machine").path("cores").asInt()).isPositive();
    }

    @Test
    void quickCohortSuiteComparesEachFormatWithGenerationAlone(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "cohort", "--quick", "--formats", "omop,hl7",
                "--out", out.toString());

        assertThat(code).isZero();
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(out.resolve("cohort.json"))).path("metrics");
        assertThat(metrics.path("none_patients_per_s").path("median").asDouble()).isPositive();
        for (String format : new String[] {"omop", "hl7"}) {
            assertThat(metrics.path(format + "_seconds").path("median").asDouble()).isPositive();
            assertThat(metrics.path(format + "_speed_vs_generation_only").path("median").asDouble()).isPositive();
            assertThat(metrics.path(format + "_mib_written").path("median").asDouble()).isPositive();
        }
        assertThat(metrics.has("fhir_seconds")).isFalse();
    }

    @Test
    void quickConnectorsSuiteMeasuresEachConnectorNextToABareProducer(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "connectors", "--quick", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("connectors.json")));
        for (String metric : new String[] {"producer_events_per_s", "omop_events_per_s", "fhir_ndjson_events_per_s",
                "mllp_messages_per_s", "omop_vs_producer"}) {
            assertThat(json.path("metrics").path(metric).path("median").asDouble()).as(metric).isPositive();
        }
        assertThat(json.path("parameters").path("omop_events").asLong()).isPositive();
    }

    @Test
    void quickScoringSuiteMeasuresEveryBatchSizeAndThePeak(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "scoring", "--quick", "--patients", "24",
                "--out", out.toString());

        assertThat(code).isZero();
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(out.resolve("scoring.json"))).path("metrics");
        assertThat(metrics.path("peak_matmul_gflops").path("median").asDouble()).isPositive();
        for (String model : new String[] {"transformer-tiny (default)", "transformer-small", "recurrent-small"}) {
            for (int batch : ScoringBenchmark.BATCH_SIZES) {
                assertThat(metrics.path(model + " seq/s batch " + batch).path("median").asDouble())
                        .as("%s at batch %d", model, batch).isPositive().isFinite();
            }
            assertThat(metrics.path(model + " best fraction of peak").path("median").asDouble()).isPositive();
            assertThat(metrics.path(model + " patients/s with evidence").path("median").asDouble()).isPositive();
        }
    }

    @Test
    void quickLatencySuiteMeasuresScoresFromPacedEvents(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "latency", "--quick", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(out.resolve("latency.json"))).path("metrics");
        assertThat(metrics.path("100 ev/s, publish 250 ms: scores/s").path("median").asDouble()).isPositive();
        assertThat(metrics.path("100 ev/s, publish 250 ms: p99 ms").path("median").asDouble()).isPositive().isFinite();
    }

    @Test
    void quickSoakSuiteSamplesUntilTheApplicationHasCaughtUp(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "soak", "--quick", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(Files.readString(out.resolve("soak.json")));
        JsonNode metrics = report.path("metrics");
        assertThat(metrics.path("recovery_seconds_after_burst").path("median").asDouble())
                .as("the lag came back to zero after the burst").isGreaterThanOrEqualTo(0);
        assertThat(metrics.path("dead_letters").path("median").asDouble()).isZero();
        assertThat(metrics.path("application_running").path("median").asDouble()).isEqualTo(1);
        JsonNode samples = report.path("runs").path(0).path("samples");
        assertThat(samples.size()).isGreaterThanOrEqualTo(2);
        assertThat(samples.path(samples.size() - 1).path("sent").asLong()).as("the whole burst sent").isEqualTo(300L * 20);
        assertThat(samples.path(0).path("stateMib").asDouble()).isPositive();
        assertThat(samples.path(0).path("indexMib").isNumber()).as("the event index measured apart").isTrue();
    }

    @Test
    void quickSecuritySuiteMeasuresPlaintextAndSecuredSideBySide(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "security", "--quick", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(out.resolve("security.json"))).path("metrics");
        for (String rate : new String[] {"plaintext_pass_through_events_per_s", "secured_pass_through_events_per_s",
                "plaintext_history_events_per_s", "secured_history_events_per_s"}) {
            assertThat(metrics.path(rate).path("median").asDouble()).as(rate).isPositive();
        }
        assertThat(metrics.path("history_secured_to_plaintext").path("median").asDouble()).isBetween(0.05, 3.0);
    }

    @Test
    void quickTrainingSuiteMeasuresEachFamilyAgainstThePeak(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "training", "--quick", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(out.resolve("training.json"))).path("metrics");
        for (String model : new String[] {"transformer-tiny", "recurrent-tiny"}) {
            assertThat(metrics.path(model + " tokens/s").path("median").asDouble()).as(model).isPositive().isFinite();
            assertThat(metrics.path(model + " fraction of peak").path("median").asDouble()).as(model).isPositive();
        }
    }

    @Test
    void quickDemoSuiteTimesTheFirstRiskScore(@TempDir Path out) throws Exception {
        int code = new CommandLine(new BenchCommand()).execute("--suite", "demo", "--quick", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("demo.json")));
        double ready = json.path("metrics").path("ready_seconds").path("median").asDouble();
        assertThat(ready).isPositive();
        assertThat(json.path("metrics").path("first_score_seconds").path("median").asDouble()).isGreaterThan(ready);
        assertThat(json.path("targets").path("first_score_seconds").path("target").asText()).isEqualTo("<= 60.0");
    }

    @Test
    void unknownSuiteIsAUsageError(@TempDir Path out) {
        assertThat(new CommandLine(new BenchCommand()).execute("--suite", "nope", "--out", out.toString())).isEqualTo(2);
    }
}
