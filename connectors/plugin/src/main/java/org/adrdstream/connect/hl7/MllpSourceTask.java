package org.adrdstream.connect.hl7;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.adrdstream.connect.feed.FeedMetrics;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.feed.FeedSourceConnector;
import org.adrdstream.contract.SourceFormat;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Runs the MLLP listener (any number of concurrent senders; HAPI HL7v2 parses every message) and hands its
 * records to Connect; {@link #commitRecord} tells the waiting sender that Kafka has the record. MLLP has no
 * replayable source, so offsets are informational: the guarantee is the acknowledgement protocol (at least once,
 * duplicates absorbed by stable event ids).
 */
public final class MllpSourceTask extends SourceTask {

    private static final int MAX_BATCH = 2_000;

    private Hl7SourceConfig config;
    private FeedRecords records;
    private BlockingQueue<MllpReceiver.Pending> queue;
    private final Map<SourceRecord, Handoff> inFlight = Collections.synchronizedMap(new IdentityHashMap<>());
    private MllpListener listener;
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> fatal =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public String version() {
        return FeedSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new Hl7SourceConfig(props);
        records = new FeedRecords(config, SourceFormat.HL7V2, new FeedMetrics(context.pluginMetrics()), Clock.systemUTC());
        queue = new ArrayBlockingQueue<>(config.queueRecords());
        MllpReceiver receiver = new MllpReceiver(parser(), new Hl7MessageMapper(records, config.defaultIssuer()), records,
                new Acknowledgement(Clock.systemUTC()), queue, config.ackTimeout(),
                Map.of("listener", "mllp:" + config.port()), fatal);
        try {
            listener = new MllpListener(config.port(), config.charset(), config.maxMessageBytes(), receiver);
        } catch (java.io.IOException e) {
            stop(); // Connect calls stop() only after a successful start
            throw new ConnectException("the MLLP listener cannot listen on port " + config.port() + " (" + e.getMessage()
                    + "): free the port or set " + Hl7SourceConfig.PORT_CONFIG, e);
        }
    }

    /**
     * HAPI's pipe parser with its generic model, without HAPI's validation rules: segments in wire order (what
     * the mapper reads, field by field), whatever the version or message structure. The version-specific model
     * parsed each message 1.7 times slower, building typed fields the mapper never looks at.
     */
    static PipeParser parser() {
        PipeParser parser = new PipeParser(new GenericModelClassFactory());
        parser.setValidationContext(ValidationContextFactory.noValidation());
        parser.getParserConfiguration().setValidating(false);
        return parser;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        RuntimeException failure = fatal.get();
        if (failure != null) {
            throw failure;
        }
        MllpReceiver.Pending first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            return null;
        }
        List<MllpReceiver.Pending> drained = new ArrayList<>();
        drained.add(first);
        queue.drainTo(drained, MAX_BATCH - 1);
        List<SourceRecord> batch = new ArrayList<>(drained.size());
        for (MllpReceiver.Pending pending : drained) {
            inFlight.put(pending.record(), pending.handoff());
            batch.add(pending.record());
        }
        return batch;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Handoff handoff = inFlight.remove(record);
        if (handoff == null) {
            return;
        }
        if (metadata == null) {
            handoff.dropped(); // filtered or skipped by the worker: Kafka does not have it
        } else {
            handoff.acknowledged();
        }
    }

    @Override
    public void stop() {
        if (listener != null) {
            listener.close();
        }
        if (records != null) {
            records.close();
        }
    }
}
