package org.adrdstream.connect.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MLLP framing ({@code 0x0B message 0x1C 0x0D}), written and read the same way by the listener and the client. */
final class MllpFrames {

    private static final Logger LOG = LoggerFactory.getLogger(MllpFrames.class);

    static final int START_BLOCK = 0x0B;
    static final int END_BLOCK = 0x1C;
    static final int CARRIAGE_RETURN = 0x0D;

    private MllpFrames() {
    }

    /** {@code text} in {@code charset}, framed. */
    static byte[] framed(String text, Charset charset) {
        byte[] body = text.getBytes(charset);
        byte[] frame = new byte[body.length + 3];
        frame[0] = START_BLOCK;
        System.arraycopy(body, 0, frame, 1, body.length);
        frame[frame.length - 2] = END_BLOCK;
        frame[frame.length - 1] = CARRIAGE_RETURN;
        return frame;
    }

    /** A frame's bytes (its first {@code maxBytes} only, when it was longer) and its whole length. */
    record Frame(ByteArrayOutputStream bytes, long length) {
        boolean complete() {
            return bytes.size() == length;
        }
    }

    /** Reads frames off one connection: what lies between a start block and the end block. */
    static final class Reader {

        private final InputStream in;
        private final int maxBytes;

        Reader(InputStream in, int maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        /**
         * The next frame, or null when the connection ended. A frame cut off by the end of the connection, or by
         * a start block before its end block, is dropped: answering it would acknowledge a message the sender
         * may not have finished (and read the next one into it).
         */
        Frame next() throws IOException {
            int b = in.read();
            while (b != START_BLOCK) {
                if (b < 0) {
                    return null;
                }
                b = in.read();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
            long length = 0;
            for (b = in.read(); b != END_BLOCK; b = in.read()) {
                if (b < 0) {
                    return null;
                }
                if (b == START_BLOCK) {
                    LOG.warn("MLLP frame of {} bytes cut short by the next start block: dropped, unanswered", length);
                    bytes.reset();
                    length = 0;
                    continue;
                }
                if (length++ < maxBytes) {
                    bytes.write(b);
                }
            }
            return new Frame(bytes, length); // the carriage return after the end block is skipped with the gap
        }
    }
}
