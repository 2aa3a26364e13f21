package org.adrdstream.streams.history;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.streams.deadletter.DeadLetters;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies each clinical event to its patient's history and marks the patient as due; a wall-clock
 * punctuator publishes every due patient's whole history once per publish interval (DESIGN section 5,
 * "Cost of history assembly") and sweeps markers past the re-send horizon from the event index. Invalid
 * events go to the dead-letter sink with the reason.
 *
 * <p>The due mark lives in the patient's header (so it commits with the change) and, for the punctuator,
 * in memory; a task that starts, after a restart or a rebalance, reloads the marks from its headers.
 */
final class HistoryAssembler extends ContextualProcessor<String, ClinicalEvent, String, Object> {

    static final int MAX_PUBLISHED_PER_TICK = 20_000;
    /**
     * Markers of the event index examined per tick: 10,000 a second at the default 5 s interval (tens of
     * milliseconds of RocksDB reads per tick), more than the rate at which one stream thread folds events.
     */
    static final int MAX_MARKERS_SWEPT_PER_TICK = 50_000;
    private final HistorySettings settings;
    private final PublishedHistoryEncoder encoder;
    private final EventValidator validator;
    private final Set<String> due = new LinkedHashSet<>();
    private PatientHistoryState state;
    private EventIndex index;

    HistoryAssembler(HistorySettings settings, PublishedHistoryEncoder encoder) {
        this.settings = settings;
        this.encoder = encoder;
        this.validator = new EventValidator(settings.futureTolerance());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        KeyValueStore<String, HistoryHeader> headers = context.getStateStore(HistoryTopology.HEADERS_STORE);
        index = new EventIndex(context.getStateStore(HistoryTopology.INDEX_STORE), settings.resendHorizon().toMillis());
        state = new PatientHistoryState(context.getStateStore(HistoryTopology.EVENTS_STORE), index, headers,
                context.getStateStore(HistoryTopology.SUMMARIES_STORE), settings.maxDetailedEvents());
        try (KeyValueIterator<String, HistoryHeader> all = headers.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.due()) {
                    due.add(entry.key);
                }
            });
        }
        context.schedule(settings.publishInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            publishDue(now);
            index.sweep(now, MAX_MARKERS_SWEPT_PER_TICK);
        });
    }

    @Override
    public void process(Record<String, ClinicalEvent> record) {
        ClinicalEvent event = record.value();
        if (event == null) {
            deadLetter(record, "record without a value (tombstones are not events)");
            return;
        }
        String patient = event.getPatientId();
        boolean namesPatient = patient != null && !patient.isBlank() && patient.indexOf('\u0000') < 0;
        HistoryHeader header = namesPatient ? state.header(patient) : HistoryHeader.EMPTY;
        Optional<String> problem = validator.problem(record.key(), event, header.birthDate(),
                Instant.ofEpochMilli(context().currentSystemTimeMs()));
        if (problem.isPresent()) {
            deadLetter(record, problem.get());
            return;
        }
        boolean changed = event.getStatus() == EventStatus.ENTERED_IN_ERROR
                ? state.retract(event, header, context().currentSystemTimeMs()) : state.assertEvent(event, header);
        if (changed) {
            due.add(patient);
        }
    }

    /**
     * Publishes due patients, at most {@link #MAX_PUBLISHED_PER_TICK} per tick so a replay's backlog never
     * stretches one transaction past its timeout; the rest stay due for the next tick.
     */
    private void publishDue(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        Iterator<String> patients = due.iterator();
        for (int published = 0; patients.hasNext() && published < MAX_PUBLISHED_PER_TICK; published++) {
            String patient = patients.next();
            context().forward(new Record<String, Object>(patient, state.publish(patient, now, encoder), wallClockMs),
                    HistoryTopology.HISTORIES_SINK);
            patients.remove();
        }
    }

    private void deadLetter(Record<String, ClinicalEvent> record, String reason) {
        RecordMetadata source = context().recordMetadata().orElseThrow();
        ClinicalEvent event = record.value();
        DeadLetter letter = DeadLetters.of(reason, FailureStage.VALIDATION, null, source.topic(), source.partition(),
                source.offset(), null, event == null ? null : event.toString(),
                Instant.ofEpochMilli(context().currentSystemTimeMs()));
        context().forward(new Record<String, Object>(
                DeadLetters.key(source.topic(), source.partition(), source.offset()), letter, record.timestamp()),
                HistoryTopology.DEAD_LETTER_SINK);
    }
}
