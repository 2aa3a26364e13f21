package org.adrdstream.streams.history;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventKind;
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
 *
 * <p>It reads two topics: clinical events, and the application's merge topic ({@link PatientMerges}), where it
 * sends a retired patient's history, and later events for the retired pseudonym, to the survivor.
 */
final class HistoryAssembler extends ContextualProcessor<String, Object, String, Object> {

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
    public void process(Record<String, Object> record) {
        Object value = record.value();
        if (value instanceof ClinicalEvent event) {
            apply(record, event, 0);
        } else if (value instanceof MergeMessage.Forwarded forwarded) {
            apply(record, forwarded.event(), forwarded.hops());
        } else if (value instanceof MergeMessage.Transfer transfer) {
            absorb(record, transfer);
        } else {
            deadLetter(record, "record without a value (tombstones are not events)");
        }
    }

    /** Applies an event that arrived {@code hops} merges away from the patient it was sent for. */
    private void apply(Record<String, Object> record, ClinicalEvent event, int hops) {
        String patient = event.getPatientId();
        boolean namesPatient = patient != null && !patient.isBlank() && patient.indexOf('\u0000') < 0;
        HistoryHeader header = namesPatient ? state.header(patient) : HistoryHeader.EMPTY;
        Optional<String> problem = validator.problem(record.key(), event, header.birthDate(),
                Instant.ofEpochMilli(context().currentSystemTimeMs()));
        if (problem.isPresent()) {
            deadLetter(record, problem.get());
        } else if (header.retired() && event.getKind() == EventKind.MERGE) {
            if (!header.mergedInto().equals(event.getMergedInto())) {
                deadLetter(record, "patient " + patient + " was merged into " + header.mergedInto() + " before; a "
                        + "merged pseudonym cannot be merged again into " + event.getMergedInto());
            } // else a re-sent merge: nothing to do
        } else if (header.retired()) {
            forward(record, new MergeMessage.Forwarded(event, hops), header.mergedInto());
        } else if (event.getKind() == EventKind.MERGE) {
            merge(record, event, header);
        } else if ((event.getStatus() == EventStatus.ENTERED_IN_ERROR
                ? state.retract(event, header, context().currentSystemTimeMs()) : state.assertEvent(event, header))
                && !header.due()) { // a due header means the patient is in the set already
            due.add(patient);
        }
    }

    /** Retires the event's patient and sends its history to the survivor. */
    private void merge(Record<String, Object> record, ClinicalEvent event, HistoryHeader header) {
        MergeMessage.Transfer transfer = state.retire(event, header);
        due.add(event.getPatientId());
        if (header.version() > 0 || !transfer.carriesNothing()) { // a patient never seen leaves the survivor as is
            context().forward(record.withKey(transfer.survivor()).withValue(transfer), HistoryTopology.MERGES_SINK);
        }
    }

    /**
     * Takes a transfer in, or passes it on if its survivor was retired too; unless the survivor was retired into
     * the very patient now merged into it: the later merge reverses the earlier one, and the survivor, holding
     * both histories again, is no longer retired (else the transfer would go round until dead-lettered).
     */
    private void absorb(Record<String, Object> record, MergeMessage.Transfer transfer) {
        HistoryHeader header = state.header(transfer.survivor());
        if (header.retired() && !header.mergedInto().equals(transfer.retired())) {
            forward(record, transfer, header.mergedInto());
            return;
        }
        state.absorb(transfer, header.retired() ? header.reinstated() : header);
        due.add(transfer.survivor());
    }

    /**
     * Passes {@code message}, for a pseudonym retired into {@code survivor}, on to the survivor, unless it has
     * gone round a cycle of merges.
     */
    private void forward(Record<String, Object> record, MergeMessage message, String survivor) {
        if (message.hops() >= PatientMerges.MAX_HOPS) {
            deadLetter(record, "merge cycle: the record went through " + message.hops() + " merged pseudonyms without "
                    + "reaching a patient that was not merged (last " + message.survivor() + ", merged into " + survivor
                    + "); correct the merges at the source and replay");
            return;
        }
        MergeMessage next = message.passedOn(survivor);
        context().forward(record.withKey(survivor).withValue(next), HistoryTopology.MERGES_SINK);
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

    private void deadLetter(Record<String, Object> record, String reason) {
        RecordMetadata source = context().recordMetadata().orElseThrow();
        // a transfer's text would be a whole history: the reason and the coordinates find it on the merge topic
        Object value = record.value() instanceof MergeMessage.Forwarded forwarded ? forwarded.event() : record.value();
        DeadLetter letter = DeadLetters.of(reason, FailureStage.VALIDATION, null, source.topic(), source.partition(),
                source.offset(), null, value instanceof ClinicalEvent event ? event.toString() : null,
                Instant.ofEpochMilli(context().currentSystemTimeMs()));
        context().forward(new Record<String, Object>(
                DeadLetters.key(source.topic(), source.partition(), source.offset()), letter, record.timestamp()),
                HistoryTopology.DEAD_LETTER_SINK);
    }
}
