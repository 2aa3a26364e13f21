package org.adrdstream.dashboard.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.adrdstream.dashboard.risk.RiskBoard;
import org.adrdstream.dashboard.risk.ScoreRow;

/**
 * One browser's server-sent-events stream of risk rows: the newest rows first (so the page fills at once),
 * then every new row as it arrives. The topic reader only queues rows; this stream's own thread writes them,
 * so a slow browser never holds up the reader. A browser that falls {@value #QUEUE} rows behind is cut off
 * and reconnects ({@code EventSource} does so by itself) to start again from the newest rows.
 */
final class LiveScoreStream {

    static final int QUEUE = 1_000;
    private static final long KEEP_ALIVE_MS = 15_000;

    private final RiskBoard board;
    private final ObjectMapper json;
    private final int backlog;

    LiveScoreStream(RiskBoard board, ObjectMapper json, int backlog) {
        this.board = board;
        this.json = json;
        this.backlog = backlog;
    }

    /** Serves one stream until the browser goes away, the queue overflows or the server stops. */
    void serve(HttpExchange exchange) throws IOException, InterruptedException {
        BlockingQueue<ScoreRow> queue = new ArrayBlockingQueue<>(QUEUE);
        AtomicBoolean overflowed = new AtomicBoolean();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        Runnable unsubscribe = board.subscribe(row -> {
            if (!queue.offer(row)) {
                overflowed.set(true);
            }
        });
        try (OutputStream out = exchange.getResponseBody()) {
            List<ScoreRow> newest = board.newest(backlog);
            long sent = 0;
            for (int i = newest.size() - 1; i >= 0; i--) {
                sent = send(out, newest.get(i));
            }
            while (!overflowed.get()) {
                ScoreRow row = queue.poll(KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
                if (row == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (row.sequence() > sent) { // rows that arrived while the backlog was sent come once only
                    sent = send(out, row);
                }
            }
        } catch (IOException e) {
            // the browser went away: nothing to do
        } finally {
            unsubscribe.run();
        }
    }

    private long send(OutputStream out, ScoreRow row) throws IOException {
        String event = "id: " + row.sequence() + "\nevent: score\ndata: " + row.toJson(json) + "\n\n";
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return row.sequence();
    }
}
