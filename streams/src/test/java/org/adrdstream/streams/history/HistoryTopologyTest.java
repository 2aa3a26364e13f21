package org.adrdstream.streams.history;

import static org.adrdstream.streams.history.Events.death;
import static org.adrdstream.streams.history.Events.demographics;
import static org.adrdstream.streams.history.Events.diagnosis;
import static org.adrdstream.streams.history.Events.enrollment;
import static org.adrdstream.streams.history.Events.lab;
import static org.adrdstream.streams.history.Events.merge;
import static org.adrdstream.streams.history.Events.retraction;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.Sex;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroSerde;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of history assembly, on the topology the application runs, with the real registry's serdes. */
@ExtendWith(EmbeddedKafkaExtension.class)
class HistoryTopologyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant T = Instant.parse("2015-03-01T10:00:00Z");
    private static final Duration PUBLISH = Duration.ofSeconds(1);
    private static final int CAP = 5;
    private static final Duration HORIZON = Duration.ofHours(6);
    private static EmbeddedSchemaRegistry registry;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ClinicalEvent> events;
    private TestInputTopic<String, byte[]> rawEvents;
    private TestOutputTopic<String, PatientHistory> histories;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private TestInputTopic<String, MergeMessage> merges;

    @BeforeAll
    static void startRegistry(EmbeddedKafkaBroker kafka) {
        registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startDriver(@TempDir Path stateDir) {
        StreamsAppConfig config = StreamsAppConfig.defaults("unused:9092", registry.url(), stateDir)
                .withHistory(new HistorySettings(CAP, PUBLISH, Duration.ofDays(1), HORIZON));
        Properties props = new Properties();
        props.putAll(config.streamsProperties());
        driver = new TopologyTestDriver(StreamsApp.topology(config, null), props, NOW);
        Map<String, Object> serde = config.serdeProperties();
        SpecificAvroSerde<ClinicalEvent> eventSerde = SpecificAvroSerde.of(ClinicalEvent.class, serde, false);
        events = driver.createInputTopic(config.topics().clinicalEvents().name(), new StringSerializer(),
                eventSerde.serializer());
        rawEvents = driver.createInputTopic(config.topics().clinicalEvents().name(), new StringSerializer(),
                new ByteArraySerializer());
        histories = driver.createOutputTopic(config.topics().patientHistories().name(), new StringDeserializer(),
                SpecificAvroSerde.of(PatientHistory.class, serde, false).deserializer());
        deadLetters = driver.createOutputTopic(config.topics().deadLetters().name(), new StringDeserializer(),
                SpecificAvroSerde.of(DeadLetter.class, serde, false).deserializer());
        merges = driver.createInputTopic(PatientMerges.topic(config.applicationId(), config.topics()).name(),
                new StringSerializer(), new MergeMessageSerde().serializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void outOfOrderEventsAreKeptInTimeOrder() {
        send(diagnosis("p1", "e3", T.plusSeconds(300), "E11.9"), diagnosis("p1", "e1", T, "I10"),
                diagnosis("p1", "e2", T.plusSeconds(60), "E78.5"));

        PatientHistory history = publishedHistory("p1");

        assertThat(history.getEvents()).extracting(HistoryEvent::getEventId).containsExactly("e1", "e2", "e3");
        assertThat(history.getLastEventTime()).isEqualTo(T.plusSeconds(300));
        assertThat(history.getVersion()).isEqualTo(3);
    }

    @Test
    void reSentEventChangesNothing() {
        ClinicalEvent event = diagnosis("p1", "e1", T, "I10");
        send(event);
        publishedHistory("p1");

        send(event, event);
        driver.advanceWallClockTime(PUBLISH);

        assertThat(histories.isEmpty()).as("nothing changed, nothing published").isTrue();
    }

    @Test
    void eventWithTheSameIdAndNewContentReplacesTheEarlierOne() {
        send(lab("p1", "e1", T, "2345-7", 100), lab("p1", "e1", T.plusSeconds(5), "2345-7", 180));

        PatientHistory history = publishedHistory("p1");

        assertThat(history.getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getValue()).isEqualTo(180.0);
            assertThat(e.getTime()).isEqualTo(T.plusSeconds(5));
        });
    }

    @Test
    void retractionRemovesTheEventItNames() {
        ClinicalEvent wrong = diagnosis("p1", "e2", T.plusSeconds(60), "G30.9");
        send(diagnosis("p1", "e1", T, "I10"), wrong, retraction(wrong));

        assertThat(publishedHistory("p1").getEvents()).extracting(HistoryEvent::getEventId).containsExactly("e1");
    }

    @Test
    void retractionArrivingFirstSuppressesTheEventWhenItComes() {
        ClinicalEvent wrong = diagnosis("p1", "e2", T.plusSeconds(60), "G30.9");
        send(retraction(wrong), diagnosis("p1", "e1", T, "I10"), wrong);

        assertThat(publishedHistory("p1").getEvents()).extracting(HistoryEvent::getEventId).containsExactly("e1");
    }

    @Test
    void aPatientWhoseHeaderLeftTheTasksMemoryKeepsItsVersionAndItsRetraction() {
        ClinicalEvent wrong = diagnosis("p0", "e2", T.plusSeconds(60), "G30.9");
        send(diagnosis("p0", "e1", T, "I10"), retraction(wrong));
        for (int i = 1; i <= PatientHistoryState.RECENT_HEADERS; i++) { // pushes p0's header out of memory
            send(diagnosis("other" + i, "e1", T, "I10"));
        }
        send(wrong, diagnosis("p0", "e3", T.plusSeconds(120), "E11.9"));

        PatientHistory history = publishedHistory("p0");

        assertThat(history.getEvents()).extracting(HistoryEvent::getEventId).containsExactly("e1", "e3");
        assertThat(history.getVersion()).isEqualTo(2);
    }

    @Test
    void demographicsDeathAndEnrolmentSetTheHeader() {
        ClinicalEvent died = death("p1", "d1", Instant.parse("2021-07-04T00:00:00Z"));
        send(demographics("p1", "demo", LocalDate.of(1941, 2, 3), Sex.MALE), diagnosis("p1", "e1", T, "I10"),
                enrollment("p1", "enr", Instant.parse("2010-01-01T00:00:00Z"), Instant.parse("2019-12-31T00:00:00Z")),
                died);

        PatientHistory history = publishedHistory("p1");
        assertThat(history.getBirthDate()).isEqualTo(LocalDate.of(1941, 2, 3));
        assertThat(history.getSex()).isEqualTo(Sex.MALE);
        assertThat(history.getDeathDate()).isEqualTo(LocalDate.of(2021, 7, 4));
        assertThat(history.getObservationStart()).isEqualTo(Instant.parse("2010-01-01T00:00:00Z"));
        assertThat(history.getObservationEnd()).isEqualTo(Instant.parse("2019-12-31T00:00:00Z"));
        assertThat(history.getEvents()).extracting(HistoryEvent::getEventId).containsExactly("e1");

        send(retraction(died));
        assertThat(publishedHistory("p1").getDeathDate()).isNull();

        send(died);
        driver.advanceWallClockTime(PUBLISH);
        assertThat(histories.isEmpty()).as("a retracted death sent again stays retracted").isTrue();
    }

    @Test
    void retractionOfAFoldedEventLowersItsSummaryCount() {
        ClinicalEvent oldest = lab("p1", "lab0", T, "2345-7", 100);
        sendWithCapNewerLabs(oldest);
        assertThat(publishedHistory("p1").getSummaries()).singleElement()
                .satisfies(summary -> assertThat(summary.getCount()).isEqualTo(1));

        send(oldest, retraction(oldest));

        PatientHistory history = publishedHistory("p1");
        assertThat(history.getSummaries()).as("re-send ignored, retraction unfolds").isEmpty();
        assertThat(history.getEvents()).hasSize(CAP);
    }

    @Test
    void foldedEventReSentWithinTheHorizonIsRecognisedAndAfterItCountsAsNew() {
        ClinicalEvent oldest = lab("p1", "lab0", T, "2345-7", 100);
        sendWithCapNewerLabs(oldest);
        publishedHistory("p1");

        driver.advanceWallClockTime(HORIZON.minus(PUBLISH.multipliedBy(3)));
        send(oldest);
        driver.advanceWallClockTime(PUBLISH);
        assertThat(histories.isEmpty()).as("re-send within the horizon ignored").isTrue();

        driver.advanceWallClockTime(PUBLISH.multipliedBy(3)); // past the horizon: the sweep removes the marker
        send(oldest);

        PatientHistory history = publishedHistory("p1");
        assertThat(history.getSummaries()).singleElement()
                .satisfies(summary -> assertThat(summary.getCount()).as("re-sent past the horizon").isEqualTo(2));
        assertThat(history.getEvents()).hasSize(CAP);
    }

    @Test
    void retractionIsRememberedForTheHorizon() {
        ClinicalEvent early = diagnosis("p1", "e1", T, "I10");
        ClinicalEvent late = diagnosis("p1", "e2", T.plusSeconds(60), "E11.9");
        send(retraction(early), retraction(late), diagnosis("p1", "e3", T, "E78.5"));
        publishedHistory("p1");

        driver.advanceWallClockTime(HORIZON.minus(PUBLISH.multipliedBy(3)));
        send(early);
        driver.advanceWallClockTime(PUBLISH);
        assertThat(histories.isEmpty()).as("an event arriving after its retraction, within the horizon").isTrue();

        driver.advanceWallClockTime(PUBLISH.multipliedBy(3));
        send(late);

        assertThat(publishedHistory("p1").getEvents()).extracting(HistoryEvent::getEventId)
                .as("the retraction forgotten past the horizon").containsExactly("e3", "e2");
    }

    @Test
    void deathMarkerOutlivesTheHorizon() {
        ClinicalEvent died = death("p1", "d1", Instant.parse("2021-07-04T00:00:00Z"));
        send(died, diagnosis("p1", "e1", T, "I10"));
        assertThat(publishedHistory("p1").getDeathDate()).isNotNull();

        driver.advanceWallClockTime(HORIZON.plus(PUBLISH));
        driver.advanceWallClockTime(PUBLISH);
        send(retraction(died));

        assertThat(publishedHistory("p1").getDeathDate()).as("the death's own retraction still clears it").isNull();
    }

    @Test
    void newestDemographicsByClinicalTimeWinWhateverTheArrivalOrder() {
        ClinicalEvent newer = demographics("p1", "demo-2", LocalDate.of(1944, 4, 4), Sex.FEMALE);
        newer.setTime(Instant.parse("2012-01-01T00:00:00Z"));
        ClinicalEvent older = demographics("p1", "demo-1", LocalDate.of(1940, 1, 1), Sex.MALE);
        older.setTime(Instant.parse("2005-01-01T00:00:00Z"));
        send(newer, diagnosis("p1", "e1", T, "I10"), older);

        PatientHistory history = publishedHistory("p1");

        assertThat(history.getBirthDate()).isEqualTo(LocalDate.of(1944, 4, 4));
        assertThat(history.getSex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void onlyTheRetractionOfTheRecordedDeathClearsIt() {
        send(death("p1", "d-real", Instant.parse("2021-07-04T00:00:00Z")),
                retraction(death("p1", "d-other", Instant.parse("2020-01-01T00:00:00Z"))));

        assertThat(publishedHistory("p1").getDeathDate()).isEqualTo(LocalDate.of(2021, 7, 4));
    }

    @Test
    void eventsPastTheCapAreFoldedIntoSummariesAndNothingIsDropped() {
        for (int i = 0; i < 8; i++) {
            send(lab("p1", "lab" + i, T.plusSeconds(i * 3600L), i < 4 ? "2345-7" : "4548-4", 100 + i));
        }

        PatientHistory history = publishedHistory("p1");

        assertThat(history.getEvents()).hasSize(CAP);
        assertThat(history.getEvents()).extracting(HistoryEvent::getEventId)
                .containsExactly("lab3", "lab4", "lab5", "lab6", "lab7");
        assertThat(history.getSummaries()).singleElement().satisfies(summary -> {
            assertThat(summary.getCode().getValue()).isEqualTo("2345-7");
            assertThat(summary.getCount()).isEqualTo(3);
            assertThat(summary.getFirstTime()).isEqualTo(T);
            assertThat(summary.getLastTime()).isEqualTo(T.plusSeconds(2 * 3600L));
            assertThat(summary.getLastValue()).isEqualTo(102.0);
        });
        assertThat(history.getEvents().size() + history.getSummaries().stream().mapToInt(CodeSummary::getCount).sum())
                .isEqualTo(8);
    }

    @Test
    void manyChangesInOneIntervalArePublishedOnce() {
        for (int i = 0; i < 20; i++) {
            send(diagnosis("p1", "e" + i, T.plusSeconds(i), "I10"));
        }
        send(diagnosis("p2", "x", T, "I10"));

        driver.advanceWallClockTime(PUBLISH);

        Map<String, PatientHistory> published = histories.readKeyValuesToMap();
        assertThat(published).containsOnlyKeys("p1", "p2");
        assertThat(histories.isEmpty()).isTrue();
        assertThat(published.get("p1").getVersion()).isEqualTo(20);
    }

    @Test
    void invalidEventsAreDeadLetteredWithReasonsAndGoodOnesStillFlow() {
        send(demographics("p1", "demo", LocalDate.of(1950, 1, 1), Sex.FEMALE));
        events.pipeInput("p1", diagnosis("", "e0", T, "I10"));
        events.pipeInput("someone-else", diagnosis("p1", "e1", T, "I10"));
        events.pipeInput(null, diagnosis("p1", "e5", T, "I10"));
        events.pipeInput("p1", enrollment("p1", "e6", T, Instant.parse("2099-01-01T00:00:00Z")));
        send(diagnosis("p1", "e2", Instant.parse("2200-01-01T00:00:00Z"), "I10"),
                diagnosis("p1", "e3", Instant.parse("1949-06-01T00:00:00Z"), "I10"),
                Events.event("p1", "e4", org.adrdstream.contract.EventKind.MEDICATION, T, null),
                diagnosis("p1", "ok", T, "I10"));

        List<DeadLetter> letters = deadLetters.readValuesToList();

        assertThat(letters).extracting(DeadLetter::getReason).satisfiesExactly(
                r -> assertThat(r).contains("missing patient pseudonym"),
                r -> assertThat(r).contains("record key 'someone-else' differs from patient_id 'p1'"),
                r -> assertThat(r).contains("record without a key"),
                r -> assertThat(r).contains("end_time 2099-01-01T00:00:00Z is more than 24 h after"),
                r -> assertThat(r).contains("time 2200-01-01T00:00:00Z is more than 24 h after"),
                r -> assertThat(r).contains("before the patient's birth date 1950-01-01"),
                r -> assertThat(r).contains("MEDICATION event without a code"));
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.getStage()).isEqualTo(FailureStage.VALIDATION);
            assertThat(letter.getSource().getTopic()).isEqualTo("clinical.events.v1");
            assertThat(letter.getSource().getOffset()).isNotNull();
        });
        assertThat(publishedHistory("p1").getEvents()).extracting(HistoryEvent::getEventId).containsExactly("ok");
    }

    /** The dead letter itself is checked on a real broker (HistoryAssemblyEndToEndTest): the test driver
     *  does not write the records an error handler returns. */
    @Test
    void unreadableRecordIsSkippedAndProcessingGoesOn() {
        rawEvents.pipeInput("p1", new byte[] {1, 0, 0, 0, 1, 42});
        send(diagnosis("p1", "e1", T, "I10"));

        assertThat(publishedHistory("p1").getEvents()).hasSize(1);
    }

    /** Sends {@code oldest} and then {@link #CAP} newer labs, so that the next publication folds {@code oldest}. */
    // Merges (ADT^A40): the retired history moves to the survivor through the merge topic, which the driver
    // feeds back into the topology like the broker would.

    @Test
    void mergeMovesTheRetiredHistoryToTheSurvivorAndTombstonesTheRetired() {
        send(demographics("old", "d-old", LocalDate.of(1950, 2, 3), Sex.FEMALE),
                diagnosis("old", "e1", T, "I10"), lab("old", "e2", T.plusSeconds(60), "4548-4", 7.1),
                enrollment("old", "cov-old", T.minusSeconds(86_400), T.plusSeconds(86_400)),
                death("old", "death-old", T.plusSeconds(7_200)), retraction(diagnosis("old", "gone", T, "E11.9")));
        send(diagnosis("new", "e3", T.plusSeconds(120), "E78.5"), enrollment("new", "cov-new", T, T.plusSeconds(999_999)));
        publishedHistory("new");

        send(merge("old", "m1", T.plusSeconds(3_600), "new"));
        driver.advanceWallClockTime(PUBLISH);
        Map<String, PatientHistory> published = histories.readKeyValuesToMap();

        assertThat(published).containsEntry("old", null).containsKey("new");
        PatientHistory survivor = published.get("new");
        assertThat(survivor.getEvents()).extracting(HistoryEvent::getEventId).containsExactly("e1", "e2", "e3");
        assertThat(survivor.getBirthDate()).isEqualTo(LocalDate.of(1950, 2, 3));
        assertThat(survivor.getSex()).isEqualTo(Sex.FEMALE);
        assertThat(survivor.getDeathDate()).isEqualTo(LocalDate.of(2015, 3, 1));
        assertThat(survivor.getObservationStart()).isEqualTo(T.minusSeconds(86_400));
        assertThat(survivor.getObservationEnd()).isEqualTo(T.plusSeconds(999_999));
        assertThat(survivor.getVersion()).as("the survivor's two changes, then the merge").isEqualTo(3);

        send(diagnosis("new", "gone", T, "E11.9"));
        driver.advanceWallClockTime(PUBLISH);
        assertThat(histories.isEmpty()).as("the retraction moved with the history").isTrue();
    }

    @Test
    void laterEventsForTheRetiredPseudonymReachTheSurvivor() {
        ClinicalEvent e1 = diagnosis("old", "e1", T, "I10");
        send(e1, diagnosis("new", "e3", T.plusSeconds(120), "E78.5"), merge("old", "m1", T.plusSeconds(3_600), "new"));
        driver.advanceWallClockTime(PUBLISH);
        histories.readKeyValuesToMap();

        send(lab("old", "e4", T.plusSeconds(240), "4548-4", 6.2), retraction(e1), e1);

        PatientHistory survivor = publishedHistory("new");
        assertThat(survivor.getEvents()).extracting(HistoryEvent::getEventId).containsExactly("e3", "e4");
        send(merge("old", "m1", T.plusSeconds(3_600), "new"));
        driver.advanceWallClockTime(PUBLISH);
        assertThat(histories.isEmpty()).as("a re-sent merge changes nothing").isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void foldedAndRetractedEventsAreCountedOnceAfterAMerge() {
        ClinicalEvent folded = diagnosis("old", "f1", T.minusSeconds(3_600), "I10");
        send(folded);
        for (int i = 1; i <= CAP; i++) {
            send(lab("old", "lab" + i, T.plusSeconds(i * 3600L), "4548-4", 100 + i));
        }
        assertThat(publishedHistory("old").getSummaries()).singleElement()
                .satisfies(summary -> assertThat(summary.getCount()).isEqualTo(1));
        send(diagnosis("new", "f1", T.minusSeconds(3_600), "I10"), diagnosis("new", "s1", T, "I10"),
                merge("old", "m1", T.plusSeconds(86_400), "new"));

        PatientHistory survivor = publishedHistory("new");

        assertThat(survivor.getEvents()).extracting(HistoryEvent::getEventId)
                .as("the survivor's copy of f1 is counted in the summary it came with; the newest CAP in detail")
                .doesNotContain("f1").hasSize(CAP);
        assertThat(survivor.getSummaries()).extracting(CodeSummary::getCount).containsExactly(2); // f1 and s1 folded
        send(retraction(folded));
        assertThat(publishedHistory("new").getSummaries())
                .as("a retraction sent to the retired pseudonym takes the folded event out at the survivor")
                .extracting(CodeSummary::getCount).containsExactly(1);
    }

    @Test
    void aChainOfMergesEndsAtTheLastSurvivor() {
        Map<String, PatientHistory> published = mergeTwiceThenSend("c", "a");

        assertThat(published).containsEntry("a", null).containsEntry("b", null);
        assertThat(published.get("c").getEvents()).extracting(HistoryEvent::getEventId)
                .containsExactly("e1", "e2", "e3");
    }

    @Test
    void aReversedMergeLeavesBothHistoriesWithTheLaterSurvivor() {
        Map<String, PatientHistory> published = mergeTwiceThenSend("a", "b");

        assertThat(published).containsEntry("b", null);
        assertThat(published.get("a").getEvents()).extracting(HistoryEvent::getEventId)
                .containsExactly("e1", "e2", "e3");
        assertThat(deadLetters.isEmpty()).as("nothing went round").isTrue();
    }

    @Test
    void aMessageGoingRoundMergedPseudonymsIsDeadLetteredAfterItsHops() {
        send(merge("a", "m1", T, "b"), merge("b", "m2", T, "c"));

        merges.pipeInput("a", new MergeMessage.Forwarded(diagnosis("a", "e1", T, "I10"), PatientMerges.MAX_HOPS - 1));

        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).startsWith("merge cycle").contains("16 merged pseudonyms");
            assertThat(letter.getSource().getTopic()).endsWith("-patient-merges");
            assertThat(letter.getPayloadText()).contains("e1");
        });
        driver.advanceWallClockTime(PUBLISH);
        assertThat(histories.readKeyValuesToMap()).as("a merge of patients never seen changes no survivor")
                .doesNotContainKey("c");
    }

    @Test
    void mergesThatCannotBeAppliedAreDeadLetteredWithTheirReason() {
        ClinicalEvent noSurvivor = merge("p1", "m0", T, null);
        ClinicalEvent intoItself = merge("p1", "m1", T, "p1");
        ClinicalEvent onADiagnosis = diagnosis("p1", "e1", T, "I10");
        onADiagnosis.setMergedInto("p2");
        send(noSurvivor, intoItself, onADiagnosis, retraction(merge("p1", "m2", T, "p2")),
                merge("p1", "m3", T, "p2"), merge("p1", "m4", T, "p3"));

        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly(
                "MERGE event without a surviving patient pseudonym (merged_into)",
                "MERGE event merges patient p1 into itself",
                "merged_into is set on a DIAGNOSIS event: only MERGE events name a surviving patient",
                "a merge cannot be retracted (unlinking, HL7 ADT^A37, is not supported): send the records again "
                        + "under the identifiers they belong to, to a rebuilt history",
                "patient p1 was merged into p2 before; a merged pseudonym cannot be merged again into p3");
    }

    /**
     * a (e1) merges into b (e2), then b into {@code secondSurvivor}; {@code lateSender} then sends e3. Returns
     * what is published next.
     */
    private Map<String, PatientHistory> mergeTwiceThenSend(String secondSurvivor, String lateSender) {
        send(diagnosis("a", "e1", T, "I10"), diagnosis("b", "e2", T.plusSeconds(60), "E11.9"),
                merge("a", "m1", T.plusSeconds(3_600), "b"), merge("b", "m2", T.plusSeconds(7_200), secondSurvivor));
        send(diagnosis(lateSender, "e3", T.plusSeconds(120), "E78.5"));
        driver.advanceWallClockTime(PUBLISH);
        return histories.readKeyValuesToMap();
    }

    private void sendWithCapNewerLabs(ClinicalEvent oldest) {
        send(oldest);
        for (int i = 1; i <= CAP; i++) {
            send(lab("p1", "lab" + i, T.plusSeconds(i * 3600L), "4548-4", 100 + i));
        }
    }

    private void send(ClinicalEvent... batch) {
        for (ClinicalEvent event : batch) {
            events.pipeInput(event.getPatientId(), event);
        }
    }

    /** Advances the wall clock one publish interval and returns the patient's newly published history. */
    private PatientHistory publishedHistory(String patient) {
        driver.advanceWallClockTime(PUBLISH);
        Map<String, PatientHistory> published = histories.readKeyValuesToMap();
        assertThat(published).containsKey(patient);
        return published.get(patient);
    }
}
