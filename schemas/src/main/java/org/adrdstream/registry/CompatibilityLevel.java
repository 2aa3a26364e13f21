package org.adrdstream.registry;

import java.util.Locale;

/**
 * Schema evolution rules a subject enforces, with the Confluent Schema Registry's names and meanings.
 *
 * <p>BACKWARD: consumers on the new schema read data written with the previous one. FORWARD: consumers on
 * the previous schema read data written with the new one. FULL: both. The TRANSITIVE forms check against
 * every earlier version, not only the latest. NONE checks nothing.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with the old ones. */
    public boolean backward() {
        return backward;
    }

    /** The old schemas must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Check against every earlier version rather than the latest only. */
    public boolean transitive() {
        return transitive;
    }

    /** The same direction checked against one version only. */
    public CompatibilityLevel nonTransitive() {
        return switch (this) {
            case BACKWARD_TRANSITIVE -> BACKWARD;
            case FORWARD_TRANSITIVE -> FORWARD;
            case FULL_TRANSITIVE -> FULL;
            default -> this;
        };
    }

    /**
     * Parses a level name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is not one
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through to the message that lists the valid names
            }
        }
        throw new IllegalArgumentException("Invalid compatibility level '" + name + "': expected one of "
                + java.util.Arrays.toString(values()));
    }
}
