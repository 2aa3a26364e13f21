package org.adrdstream.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for child processes that must be told theirs before they start (query endpoints, MLLP). */
final class LocalPorts {

    private LocalPorts() {
    }

    /** A port free now on the loopback interface (another process could take it before it is used). */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
