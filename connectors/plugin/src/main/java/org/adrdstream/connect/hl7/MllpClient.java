package org.adrdstream.connect.hl7;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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

    static final int START_BLOCK = 0x0B;
    static final int END_BLOCK = 0x1C;
    static final int CARRIAGE_RETURN = 0x0D;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public MllpClient(String host, int port, Duration timeout) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true); // one frame per write: no Nagle delay waiting for the previous ACK
        out = socket.getOutputStream();
        in = new java.io.BufferedInputStream(socket.getInputStream()); // an ACK read byte by byte, not a call each
    }

    /** Sends one message and waits for its acknowledgement (the ACK message's text, segments split by CR). */
    public String send(String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[body.length + 3];
        frame[0] = START_BLOCK;
        System.arraycopy(body, 0, frame, 1, body.length);
        frame[frame.length - 2] = END_BLOCK;
        frame[frame.length - 1] = CARRIAGE_RETURN;
        out.write(frame);
        out.flush();
        int b = in.read();
        while (b != START_BLOCK) {
            if (b < 0) {
                throw new IOException("the listener closed the connection without an acknowledgement");
            }
            b = in.read();
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        for (b = in.read(); b != END_BLOCK; b = in.read()) {
            if (b < 0) {
                throw new IOException("the acknowledgement was cut off");
            }
            ack.write(b);
        }
        in.read(); // the trailing carriage return
        return ack.toString(StandardCharsets.UTF_8);
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
            if (stream[i] == START_BLOCK) {
                start = i + 1;
            } else if (stream[i] == END_BLOCK && start >= 0) {
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
