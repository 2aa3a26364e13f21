package org.adrdstream.connect.hl7;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal MLLP sender: frames a message ({@code 0x0B message 0x1C 0x0D}), sends it on one kept-open
 * connection and returns the acknowledgement's text. Also splits an MLLP file into messages. For replaying
 * files and for tests; a hospital's interface engine is the real sender.
 */
public final class MllpClient implements Closeable {

    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final MllpFrames.Reader answers;

    public MllpClient(String host, int port, Duration timeout) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true); // one frame per write: no Nagle delay waiting for the previous ACK
        out = socket.getOutputStream();
        // buffered: the reader takes the answer a byte at a time
        answers = new MllpFrames.Reader(new BufferedInputStream(socket.getInputStream()), MAX_ANSWER_BYTES);
    }

    /** Sends one message and waits for its acknowledgement (the ACK message's text, segments split by CR). */
    public String send(String message) throws IOException {
        out.write(MllpFrames.framed(message, StandardCharsets.UTF_8));
        out.flush();
        MllpFrames.Frame ack = answers.next();
        if (ack == null) {
            throw new IOException("the listener closed the connection without an acknowledgement");
        }
        return ack.bytes().toString(StandardCharsets.UTF_8);
    }

    /** MSA-1 of an acknowledgement: AA, AE or AR (CA, CE, CR in enhanced mode). */
    public static String acknowledgementCode(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA")) {
                String[] fields = segment.split("\\|", -1);
                return fields.length > 1 ? fields[1] : "";
            }
        }
        return "";
    }

    /** The messages of an MLLP-framed stream, in order. */
    public static List<String> frames(byte[] stream) {
        List<String> messages = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < stream.length; i++) {
            if (stream[i] == MllpFrames.START_BLOCK) {
                start = i + 1;
            } else if (stream[i] == MllpFrames.END_BLOCK && start >= 0) {
                messages.add(new String(stream, start, i - start, StandardCharsets.UTF_8));
                start = -1;
            }
        }
        return messages;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
