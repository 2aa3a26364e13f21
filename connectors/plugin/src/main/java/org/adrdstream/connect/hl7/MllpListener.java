package org.adrdstream.connect.hl7;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.Charset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener speaking the Minimal Lower Layer Protocol: each sender keeps a connection open and sends
 * frames ({@code 0x0B message 0x1C 0x0D}); every frame gets exactly one framed answer on the same connection,
 * in order. A thread per connection, so any number of senders at once. Bytes outside a frame are skipped, an
 * empty frame gets no answer (it carries no message to acknowledge), a frame cut short by the next start
 * block is dropped unanswered (the sender, waiting for an answer, sends it again), and a frame over the size
 * limit is read to its end, only its first bytes kept, and answered by {@link Responder#tooLarge}.
 *
 * <p>Why not HAPI's own listener: its answer is a HAPI {@code Message} built by reflection and encoded again,
 * which cost more than a third of each message's time; here the answer is text (see {@link Acknowledgement}).
 * HAPI still parses every message ({@link MllpReceiver}).
 */
final class MllpListener implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(MllpListener.class);

    /** What the listener asks of the application: one answer per message. */
    interface Responder {

        /** The answer to one message (never null). */
        String answer(String message);

        /** The answer to a frame of {@code bytes} bytes, over the limit; {@code head} is its beginning. */
        String tooLarge(String head, long bytes);
    }

    private final Charset charset;
    private final int maxMessageBytes;
    private final Responder responder;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Binds {@code port} (0: any free port) and starts accepting senders. */
    MllpListener(int port, Charset charset, int maxMessageBytes, Responder responder) throws IOException {
        this.charset = charset;
        this.maxMessageBytes = maxMessageBytes;
        this.responder = responder;
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true); // a restarted task can listen again at once, past TIME_WAIT
            server.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "mllp-" + server.getLocalPort() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptSenders);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptSenders() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("MLLP listener on port {} cannot accept: {}", port(), e.toString());
                    pauseAfterFailedAccept(); // e.g. out of file descriptors: not a busy loop of warnings
                }
                continue;
            }
            connections.add(socket);
            try {
                if (closed) { // close() may have gone through the connections before this one was added
                    throw new RejectedExecutionException("listener closed");
                }
                socket.setTcpNoDelay(true); // an answer is one small write the sender is waiting for
                socket.setKeepAlive(true); // a sender gone without a word (rebooted, cable) frees its thread
                threads.execute(() -> serve(socket));
            } catch (IOException | RejectedExecutionException e) {
                connections.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
             OutputStream out = socket.getOutputStream()) {
            MllpFrames.Reader frames = new MllpFrames.Reader(in, maxMessageBytes);
            for (MllpFrames.Frame frame = frames.next(); frame != null; frame = frames.next()) {
                String answer = answer(frame);
                if (answer != null) {
                    out.write(MllpFrames.framed(answer, charset));
                    out.flush();
                }
            }
        } catch (SocketException e) {
            // the sender hung up, or the listener is closing
        } catch (IOException e) {
            LOG.warn("MLLP connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            connections.remove(socket);
        }
    }

    /** The responder's answer; a failure of the responder itself drops the connection, so the sender resends. */
    private String answer(MllpFrames.Frame frame) throws IOException {
        try {
            return frame.complete()
                    ? frame.bytes().size() == 0 ? null : responder.answer(frame.bytes().toString(charset))
                    : responder.tooLarge(frame.bytes().toString(charset), frame.length());
        } catch (RuntimeException e) {
            throw new IOException("the listener could not answer (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Stops accepting, closes every connection (a sender waiting for an answer gets none and resends later). */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the MLLP server socket", e);
        }
        connections.forEach(MllpListener::closeQuietly);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("MLLP connection threads still busy 30 s after the listener closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing an MLLP connection", e);
        }
    }
}
