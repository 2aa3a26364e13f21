package org.adrdstream.connect.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MllpListenerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Answers "seen:" and the message; a too-large frame "large:" and its length. */
    private static final MllpListener.Responder ECHO = new MllpListener.Responder() {
        @Override
        public String answer(String message) {
            return "seen:" + message;
        }

        @Override
        public String tooLarge(String head, long bytes) {
            return "large:" + bytes + ":" + head.length();
        }
    };

    private MllpListener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void everyFrameOnAConnectionIsAnsweredInOrder() throws IOException {
        listener = new MllpListener(0, StandardCharsets.UTF_8, 1024, ECHO);
        try (MllpClient client = client()) {
            assertThat(client.send("MSH|first")).isEqualTo("seen:MSH|first");
            assertThat(client.send("MSH|second ü")).isEqualTo("seen:MSH|second ü");
        }
    }

    @Test
    void bytesBetweenFramesAndEmptyFramesGetNoAnswer() throws IOException {
        listener = new MllpListener(0, StandardCharsets.UTF_8, 1024, ECHO);
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("noise\r\n".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {0x0B, 0x1C, 0x0D}); // empty frame
            out.write(frame("MSH|after"));
            out.flush();

            assertThat(readFrame(socket.getInputStream())).isEqualTo("seen:MSH|after");
        }
    }

    @Test
    void aFrameCutShortByTheNextStartBlockIsDroppedUnanswered() throws IOException {
        listener = new MllpListener(0, StandardCharsets.UTF_8, 1024, ECHO);
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x0B, 'M', 'S', 'H', '|', 'c', 'u', 't'}); // no end block
            out.write(frame("MSH|whole"));
            out.flush();

            assertThat(readFrame(socket.getInputStream())).as("only the whole message, alone").isEqualTo("seen:MSH|whole");
        }
    }

    @Test
    void aFrameSplitOverManyWritesIsOneMessage() throws IOException {
        listener = new MllpListener(0, StandardCharsets.UTF_8, 1024, ECHO);
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            for (byte b : frame("MSH|piecewise")) {
                out.write(b);
                out.flush();
            }
            assertThat(readFrame(socket.getInputStream())).isEqualTo("seen:MSH|piecewise");
        }
    }

    @Test
    void aFrameOverTheLimitIsReadToItsEndAndAnsweredAsTooLarge() throws IOException {
        listener = new MllpListener(0, StandardCharsets.UTF_8, 1024, ECHO);
        try (MllpClient client = client()) {
            assertThat(client.send("M".repeat(5000))).isEqualTo("large:5000:1024");
            assertThat(client.send("MSH|next")).as("the connection goes on").isEqualTo("seen:MSH|next");
        }
    }

    @Test
    void concurrentSendersEachGetTheirOwnAnswers() throws Exception {
        listener = new MllpListener(0, StandardCharsets.UTF_8, 1024, ECHO);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                int sender = s;
                answers.add(senders.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    try (MllpClient client = client()) {
                        for (int m = 0; m < 50; m++) {
                            seen.add(client.send("MSH|" + sender + "|" + m));
                        }
                    }
                    return seen;
                }));
            }
            for (int s = 0; s < 8; s++) {
                List<String> expected = new ArrayList<>();
                for (int m = 0; m < 50; m++) {
                    expected.add("seen:MSH|" + s + "|" + m);
                }
                assertThat(answers.get(s).get()).isEqualTo(expected);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void closingEndsOpenConnectionsAndFreesThePort() throws IOException {
        listener = new MllpListener(0, StandardCharsets.UTF_8, 1024, ECHO);
        int port = listener.port();
        try (MllpClient client = client()) {
            client.send("MSH|before");
            listener.close();
            assertThatThrownBy(() -> client.send("MSH|after")).isInstanceOf(IOException.class);
        }
        listener = new MllpListener(port, StandardCharsets.UTF_8, 1024, ECHO);
        try (MllpClient client = client()) {
            assertThat(client.send("MSH|again")).isEqualTo("seen:MSH|again");
        }
    }

    @Test
    void aPortInUseIsRefusedAtStart() throws IOException {
        listener = new MllpListener(0, StandardCharsets.UTF_8, 1024, ECHO);
        assertThatThrownBy(() -> new MllpListener(listener.port(), StandardCharsets.UTF_8, 1024, ECHO))
                .isInstanceOf(IOException.class);
    }

    private MllpClient client() throws IOException {
        return new MllpClient("127.0.0.1", listener.port(), TIMEOUT);
    }

    private static byte[] frame(String message) {
        return MllpFrames.framed(message, StandardCharsets.UTF_8);
    }

    private static String readFrame(InputStream in) throws IOException {
        MllpFrames.Frame frame = new MllpFrames.Reader(in, 1 << 20).next();
        assertThat(frame).as("an answer").isNotNull();
        return frame.bytes().toString(StandardCharsets.UTF_8);
    }
}
