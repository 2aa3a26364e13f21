package org.adrdstream.streams.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.streams.deadletter.DeadLetters;
import org.apache.avro.specific.SpecificRecord;
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
 * "Cost of history assembly"). Invalid events go to the dead-letter sink with the reason.
 */
final class HistoryAssembler extends ContextualProcessor<String, ClinicalEvent, String, SpecificRecord> {

    private final HistorySettings settings;
    private final EventValidator validator;
    private PatientHistoryState state;
    private KeyValueStore<String, Long> due;

    HistoryAssembler(HistorySettings settings) {
        this.settings = settings;
        this.validator = new EventValidator(settings.futureTolerance());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        state = new PatientHistoryState(context.getStateStore(HistoryTopology.EVENTS_STORE),
                context.getStateStore(HistoryTopology.INDEX_STORE), context.getStateStore(HistoryTopology.HEADERS_STORE),
                settings.maxDetailedEvents());
        due = context.getStateStore(HistoryTopology.DUE_STORE);
        context.schedule(settings.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishDue);
    }

    @Override
    public void process(Record<String, ClinicalEvent> record) {
        ClinicalEvent event = record.value();
        if (event == null) {
            deadLetter(record, "record without a value (tombstones are not events)");
            return;
        }
        Instant now = Instant.ofEpochMilli(context().currentSystemTimeMs());
        String patient = event.getPatientId();
        Optional<String> problem = validator.problem(record.key(), event,
                patient == null || patient.isBlank() ? null : state.birthDate(patient), now);
        if (problem.isPresent()) {
            deadLetter(record, problem.get());
            return;
        }
        boolean changed = event.getStatus() == EventStatus.ENTERED_IN_ERROR
                ? state.retract(event) : state.assertEvent(event);
        if (changed) {
            due.put(patient, event.getIngestedAt().toEpochMilli());
        }
    }

    private void publishDue(long wallClockMs) {
        List<String> patients = new ArrayList<>();
        try (KeyValueIterator<String, Long> iterator = due.all()) {
            iterator.forEachRemaining(entry -> patients.add(entry.key));
        }
        Instant now = Instant.ofEpochMilli(wallClockMs);
        for (String patient : patients) {
            PatientHistory history = state.assemble(patient, now);
            context().forward(new Record<String, SpecificRecord>(patient, history, wallClockMs),
                    HistoryTopology.HISTORIES_SINK);
            due.delete(patient);
        }
    }

    private void deadLetter(Record<String, ClinicalEvent> record, String reason) {
        RecordMetadata source = context().recordMetadata().orElseThrow();
        ClinicalEvent event = record.value();
        DeadLetter letter = DeadLetters.of(reason, FailureStage.VALIDATION, null, source.topic(), source.partition(),
                source.offset(), null, event == null ? null : event.toString(),
                Instant.ofEpochMilli(context().currentSystemTimeMs()));
        context().forward(new Record<String, SpecificRecord>(
                DeadLetters.key(source.topic(), source.partition(), source.offset()), letter, record.timestamp()),
                HistoryTopology.DEAD_LETTER_SINK);
    }
}
