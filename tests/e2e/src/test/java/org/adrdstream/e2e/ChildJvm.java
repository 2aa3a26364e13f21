package org.adrdstream.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A main class run in a separate JVM on the test class path, with its output collected line by line. */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile boolean pumping = true;

    private ChildJvm(Process process) {
        this.process = process;
        Thread pump = new Thread(this::pump, "child-jvm-output");
        pump.setDaemon(true);
        pump.start();
    }

    static ChildJvm start(String mainClass, String... args) {
        return startWithEnvironment(mainClass, java.util.Map.of(), args);
    }

    /** Like {@link #start}, with extra environment variables for the child. */
    static ChildJvm startWithEnvironment(String mainClass, java.util.Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    /** Writes {@code text} to the child's standard input and closes it. */
    ChildJvm input(String text) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits for the first output line matching {@code match} and returns it. */
    String awaitLine(Predicate<String> match, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .failFast("child exited early", () -> !process.isAlive() && firstLine(match).isEmpty())
                    .until(() -> firstLine(match).isPresent());
        } catch (org.awaitility.core.TerminalFailureException e) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !pumping); // its last words
            throw new AssertionError("child exited early (" + process.exitValue() + "); output:\n" + output(), e);
        }
        return firstLine(match).orElseThrow();
    }

    /** Waits for the child to exit on its own and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child still running after " + timeout + "; output:\n" + output());
            }
            // The output pump may still be draining the last lines.
            await().atMost(Duration.ofSeconds(5)).until(() -> !pumping);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends SIGTERM, as an operator's Ctrl-C or a container stop does, and waits for the exit code. */
    int terminate(Duration timeout) {
        // Through the handle: Process.destroy() would also close our end of the output pipe, losing what the
        // child prints while it shuts down.
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** Kills the child at once (SIGKILL), as a crash or an OOM kill would, and waits until it is gone. */
    void kill(Duration timeout) {
        process.toHandle().destroyForcibly();
        awaitExit(timeout);
    }

    String output() {
        return String.join("\n", lines);
    }

    private Optional<String> firstLine(Predicate<String> match) {
        return lines.stream().filter(match).findFirst();
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            pumping = false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
