package org.adrdstream.cli;

import java.net.BindException;

/** Turns a failure into one line that says what went wrong and, where it can, how to fix it. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        String namedListener = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("cannot listen on")) {
                namedListener = cause.getMessage(); // a part that says which of its ports it could not take
            }
            if (cause instanceof BindException) {
                return namedListener != null ? namedListener + " (" + cause.getMessage() + ")"
                        : "a port is already in use (" + cause.getMessage() + "): stop the other process or choose "
                        + "other ports with --kafka-port / --controller-port / --registry-port / --dashboard-port / "
                        + "--mllp-port (0 picks a free one)";
            }
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null ? message : message + " (cause: " + root.getMessage() + ")";
    }
}
