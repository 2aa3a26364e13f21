package org.adrdstream.connect.feed;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.connect.source.SourceTask;

/**
 * What the file-reading feed tasks (FHIR, OMOP) share: the plugin version, the record factory, the stop
 * signal that wakes an idle poll, and an orderly close. {@link #stop} waits for a running poll to return
 * (subclasses poll under the task's monitor) before it closes the reader.
 */
public abstract class FeedSourceTask extends SourceTask {

    /** Counted down by {@link #stop}: an idle poll waits on it, so stopping never waits out a scan interval. */
    protected final CountDownLatch stopped = new CountDownLatch(1);
    /** Set by the subclass's {@code start}. */
    protected FeedRecords records;

    @Override
    public String version() {
        return FeedSourceConnector.VERSION;
    }

    @Override
    public void stop() {
        stopped.countDown(); // wakes an idle poll; the rest waits for it to return
        synchronized (this) {
            closeResources();
        }
    }

    /** Closes the reader in use and the record factory; also for a {@code start} that fails (Connect then skips stop). */
    protected final void closeResources() {
        try {
            closeReader();
        } catch (IOException e) {
            // a reader we only read from
        }
        if (records != null) {
            records.close();
        }
    }

    /** Closes the file reader in use, if any. */
    protected abstract void closeReader() throws IOException;
}
