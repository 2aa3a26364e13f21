package org.adrdstream.rationale;

import java.util.List;
import java.util.Objects;

/**
 * A generated rationale: prompt-vocabulary tokens that end with the answer token, so
 * {@code prompt tokens + rationale tokens} is a rationale SFT target.
 *
 * @param version generator version ({@link RationaleGenerator#VERSION})
 * @param style   free-form or step-by-step
 * @param tokens  the rationale; its last token is {@code yes} or {@code no}
 */
public record Rationale(String version, RationaleStyle style, List<String> tokens) {

    public Rationale {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(style, "style");
        tokens = List.copyOf(tokens);
    }

    public String text() {
        return String.join(" ", tokens);
    }
}
