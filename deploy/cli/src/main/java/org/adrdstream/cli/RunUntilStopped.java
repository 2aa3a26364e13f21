package org.adrdstream.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a started service running until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes it from a
 * named shutdown hook so the process exits only after an orderly shutdown.
 */
final class RunUntilStopped {

    private RunUntilStopped() {
    }

    static int run(AutoCloseable service, String name, PrintWriter out) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println("Stopping " + name + "...");
            out.flush();
            try {
                service.close();
            } catch (Exception e) {
                out.println("Error while stopping " + name + ": " + e.getMessage());
            } finally {
                stopped.countDown();
            }
            out.println(name + " stopped.");
            out.flush();
        }, "adrd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
