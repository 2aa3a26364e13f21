package org.adrdstream.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/** Topic names unique within a test JVM, so tests sharing one broker never read each other's records. */
public final class TestTopics {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestTopics() {
    }

    /** Returns {@code base} with a suffix unique in this JVM, e.g. {@code clinical.events.v1-7}. */
    public static String unique(String base) {
        return base + "-" + SEQUENCE.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }
}
