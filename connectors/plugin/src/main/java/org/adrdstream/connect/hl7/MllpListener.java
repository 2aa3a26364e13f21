package org.adrdstream.connect.hl7;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener speaking the Minimal Lower Layer Protocol: each sender keeps a connection open and sends
 * frames ({@code 0x0B message 0x1C 0x0D}); every frame gets exactly one framed answer on the same connection,
 * in order. A thread per connection, so any number of senders at once. Bytes outside a frame are skipped, an
 * empty frame gets no answer (it carries no message to acknowledge), and a frame over the size limit is read
 * to its end and answered by {@link Responder#tooLarge} rather than held in memory.
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
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true); // an answer is one small write the sender is waiting for
                connections.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("MLLP listener on port {} cannot accept: {}", port(), e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
             OutputStream out = socket.getOutputStream()) {
            FrameReader frames = new FrameReader(in, maxMessageBytes);
            for (FrameReader.Frame frame = frames.next(); frame != null; frame = frames.next()) {
                String answer = frame.complete()
                        ? frame.bytes().size() == 0 ? null : responder.answer(frame.bytes().toString(charset))
                        : responder.tooLarge(frame.bytes().toString(charset), frame.length());
                if (answer != null) {
                    out.write(framed(answer));
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

    private byte[] framed(String answer) {
        byte[] body = answer.getBytes(charset);
        byte[] frame = new byte[body.length + 3];
        frame[0] = MllpClient.START_BLOCK;
        System.arraycopy(body, 0, frame, 1, body.length);
        frame[frame.length - 2] = MllpClient.END_BLOCK;
        frame[frame.length - 1] = MllpClient.CARRIAGE_RETURN;
        return frame;
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
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing an MLLP connection", e);
            }
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("MLLP connection threads still busy 30 s after the listener closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads frames off one connection: what lies between a start block and the end block. */
    static final class FrameReader {

        /** A frame's bytes (its first {@code maxBytes} only, when it was longer) and its whole length. */
        record Frame(ByteArrayOutputStream bytes, long length) {
            boolean complete() {
                return bytes.size() == length;
            }
        }

        private final InputStream in;
        private final int maxBytes;

        FrameReader(InputStream in, int maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        /** The next frame, or null when the connection ended (a frame cut off by the end is dropped). */
        Frame next() throws IOException {
            int b = in.read();
            while (b != MllpClient.START_BLOCK) {
                if (b < 0) {
                    return null;
                }
                b = in.read();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
            long length = 0;
            for (b = in.read(); b != MllpClient.END_BLOCK; b = in.read()) {
                if (b < 0) {
                    return null;
                }
                if (length++ < maxBytes) {
                    bytes.write(b);
                }
            }
            return new Frame(bytes, length); // the carriage return after the end block is skipped with the gap
        }
    }
}
