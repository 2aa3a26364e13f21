package org.adrdstream.streams.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.adrdstream.inference.OcclusionEvidence.Explained;
import org.adrdstream.prompt.Prompt;
import org.adrdstream.serde.InternalAvroSerde;
import org.adrdstream.streams.serving.ModelService;
import org.adrdstream.streams.serving.ServingModel;
import org.adrdstream.task.PredictionTask;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores changed histories in batches (docs/streams.md, "Scoring"). Each published history replaces the
 * patient's pending one, stamped with when it falls due ({@link RescorePolicy}); every batch interval, or as
 * soon as {@code batchSize} due histories arrived, the due patients are drained: ineligible ones get a status
 * record when their status changes, eligible ones are scored with one batched forward pass per batch on the
 * model in service. Pending
 * histories and marks live in stores, so scores, marks and input offsets commit in one exactly-once
 * transaction: after a crash, exactly the uncommitted work is redone.
 *
 * <p>One drain works at most {@link #DRAIN_BUDGET_MS} ms (the transaction must commit well inside its timeout);
 * the next drain resumes after the last patient handled, so a backlog is worked through in key order.
 */
final class RiskScorer extends ContextualProcessor<String, PatientHistory, String, RiskScore> {

    private static final Logger log = LoggerFactory.getLogger(RiskScorer.class);
    static final long DRAIN_BUDGET_MS = 1_000;

    private final ScoringSettings settings;
    private final PredictionTask task;
    private final ModelService models;
    private final RescorePolicy policy;
    private final InternalAvroSerde<PatientHistory> histories = InternalAvroSerde.of(PatientHistory.class);

    private KeyValueStore<String, byte[]> pending;
    private KeyValueStore<String, ScoringMark> marks;
    private KeyValueStore<String, RiskScore> latest;
    private ScoringMetrics metrics;
    private int dueSinceDrain;
    private String resumeAfter;

    RiskScorer(ScoringSettings settings, PredictionTask task, ModelService models) {
        this.settings = settings;
        this.task = task;
        this.models = models;
        this.policy = new RescorePolicy(settings.rescoreInterval());
    }

    @Override
    public void init(ProcessorContext<String, RiskScore> context) {
        super.init(context);
        pending = context.getStateStore(ScoringTopology.PENDING_STORE);
        marks = context.getStateStore(ScoringTopology.MARKS_STORE);
        latest = context.getStateStore(ScoringTopology.LATEST_STORE);
        metrics = new ScoringMetrics(context.metrics(), context.taskId().toString());
        context.schedule(settings.batchInterval(), PunctuationType.WALL_CLOCK_TIME, this::drain);
    }

    @Override
    public void process(Record<String, PatientHistory> record) {
        PatientHistory history = record.value();
        if (record.key() == null) {
            return;
        }
        if (history == null) {
            retire(record.key());
            return;
        }
        ScoringMark mark = marks.get(record.key());
        if (mark != null && history.getVersion() <= mark.version()) {
            return; // a publication already handled (re-read after a restart, or republished unchanged)
        }
        long now = context().currentSystemTimeMs();
        long dueAt = policy.dueAt(mark, status(history), RescorePolicy.clinicalFacts(history), now);
        pending.put(record.key(), PendingEntry.encode(dueAt, histories.serialize(null, history)));
        if (dueAt <= now && ++dueSinceDrain >= settings.batchSize()) {
            drain(now);
        }
    }

    /**
     * A history tombstone: a merge retired the pseudonym (its history now belongs to the survivor, scored under
     * the survivor's pseudonym). Forgets the patient; consumers that were told of it learn it is retired.
     */
    private void retire(String patient) {
        ScoringMark mark = marks.get(patient);
        pending.delete(patient);
        if (mark != null) {
            marks.delete(patient);
            Instant now = Instant.ofEpochMilli(context().currentSystemTimeMs());
            emit(RiskScores.merged(patient, task.config().horizonYears(), mark.version() + 1, now), now.toEpochMilli());
        }
    }

    /** Sends a risk record and keeps it as the patient's latest, for the query API. */
    private void emit(RiskScore record, long timestamp) {
        context().forward(new Record<>(record.getPatientId(), record, timestamp));
        latest.put(record.getPatientId(), record);
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    /** @param nowMillis the scorer's clock: punctuation time, or the task's system time for a size trigger */
    private void drain(long nowMillis) {
        dueSinceDrain = 0;
        long deadline = System.nanoTime() + DRAIN_BUDGET_MS * 1_000_000;
        ServingModel model = models.acquire();
        try {
            List<PatientHistory> due = new ArrayList<>(settings.batchSize());
            for (String patient : dueFromCursor(nowMillis)) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                resumeAfter = patient;
                PatientHistory history = histories.deserialize(null, PendingEntry.history(pending.get(patient)));
                ScoreStatus status = status(history);
                if (status != ScoreStatus.SCORED) {
                    emitStatus(history, status, marks.get(patient), nowMillis);
                } else if (model != null) {
                    due.add(history);
                    if (due.size() == settings.batchSize()) {
                        score(due, model, nowMillis);
                        due.clear();
                    }
                }
            }
            if (!due.isEmpty()) {
                score(due, model, nowMillis);
            }
        } finally {
            if (model != null) {
                model.release();
            }
        }
    }

    /**
     * Due patients after the cursor, then from the first key: a drain cut short resumes where it stopped.
     * Only keys are collected (histories stay bytes until handled), so a large backlog costs little memory.
     */
    private List<String> dueFromCursor(long nowMillis) {
        List<String> ordered = new ArrayList<>();
        List<String> wrapped = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (PendingEntry.dueAt(entry.value) <= nowMillis) {
                    (resumeAfter != null && entry.key.compareTo(resumeAfter) <= 0 ? wrapped : ordered).add(entry.key);
                }
            }
        }
        ordered.addAll(wrapped);
        return ordered;
    }

    private ScoreStatus status(PatientHistory history) {
        Instant t0 = PredictionTask.streamingIndexTime(history).orElse(null);
        return t0 == null ? ScoreStatus.INSUFFICIENT_HISTORY : RiskScores.statusOf(task.eligibility(history, t0));
    }

    /** A status record only when the status changes: an ineligible patient's every event would otherwise echo. */
    private void emitStatus(PatientHistory history, ScoreStatus status, ScoringMark mark, long nowMillis) {
        String patient = history.getPatientId();
        if (mark == null || mark.status() != status) {
            emit(RiskScores.status(history, task.config().horizonYears(), status, Instant.ofEpochMilli(nowMillis)),
                    nowMillis);
        }
        marks.put(patient, new ScoringMark(history.getVersion(), status, mark == null ? 0 : mark.scoredAtMillis(),
                mark == null ? 0 : mark.clinicalFacts()));
        pending.delete(patient);
    }

    /**
     * Scores one batch. {@code nowMillis} is the drain's clock (the policy's, recorded in the marks);
     * {@code scored_at} and the latency are read from the wall clock after inference, so they include it.
     */
    private void score(List<PatientHistory> batch, ServingModel model, long nowMillis) {
        List<Prompt> prompts = new ArrayList<>(batch.size());
        for (PatientHistory history : batch) {
            prompts.add(model.renderer().render(history, history.getLastEventTime()));
        }
        List<Explained> results;
        long started = System.nanoTime();
        try {
            results = model.evidence().score(model.model(), prompts);
            metrics.batch(batch.size(), System.nanoTime() - started);
        } catch (RuntimeException e) {
            log.error("scoring a batch of {} patients with {} failed; they stay pending", batch.size(), model, e);
            return;
        }
        Instant scoredAt = Instant.now();
        for (int i = 0; i < batch.size(); i++) {
            PatientHistory history = batch.get(i);
            Explained result = results.get(i);
            emit(RiskScores.scored(history, task.config().horizonYears(), result.probability(), settings.bands(),
                    model.ref(), result.evidence(), scoredAt), nowMillis);
            marks.put(history.getPatientId(), new ScoringMark(history.getVersion(), ScoreStatus.SCORED, nowMillis,
                    RescorePolicy.clinicalFacts(history)));
            pending.delete(history.getPatientId());
        }
    }
}
