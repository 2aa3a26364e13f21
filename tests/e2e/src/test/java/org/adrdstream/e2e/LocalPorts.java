package org.adrdstream.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Ports for listeners that must be told theirs before they start (query endpoints, MLLP), and waiting for them. */
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

    /** Waits until something accepts connections on the loopback {@code port} (a listener a task opens). */
    static void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return socket.isConnected();
            }
        });
    }
}
