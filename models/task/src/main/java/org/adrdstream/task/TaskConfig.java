package org.adrdstream.task;

import java.time.Period;
import java.util.Objects;

/**
 * Parameters of the prediction task (docs/DESIGN.md section 5); the defaults are the study's.
 *
 * @param minimumAgeYears        youngest age at t0 that is eligible (default 50)
 * @param horizonYears           prediction horizon (default 5)
 * @param lookBack               only events in {@code (t0 - lookBack, t0]} are input; {@link Period#ZERO} means all
 * @param minimumInputEvents     fewer input events than this is INSUFFICIENT_HISTORY (default 1)
 * @param deathWithoutAdrd       how a death inside the horizon without ADRD is labelled (default NEGATIVE)
 */
public record TaskConfig(int minimumAgeYears, int horizonYears, Period lookBack, int minimumInputEvents,
                         DeathPolicy deathWithoutAdrd) {

    /** Labelling of patients who die inside the horizon without ADRD evidence. */
    public enum DeathPolicy {
        /** Count as negative: they did not develop ADRD while alive (the study's default). */
        NEGATIVE,
        /** Leave out of training and evaluation, like censored patients. */
        EXCLUDE
    }

    public TaskConfig {
        Objects.requireNonNull(lookBack, "lookBack");
        Objects.requireNonNull(deathWithoutAdrd, "deathWithoutAdrd");
        if (minimumAgeYears < 0 || horizonYears < 1 || minimumInputEvents < 0 || lookBack.isNegative()) {
            throw new IllegalArgumentException("invalid task config: " + minimumAgeYears + " years minimum age, "
                    + horizonYears + " years horizon, " + minimumInputEvents + " minimum events, look-back " + lookBack);
        }
    }

    /** The study's task: age 50 and over, five-year horizon, all history, deaths counted negative. */
    public static TaskConfig defaults() {
        return new TaskConfig(50, 5, Period.ZERO, 1, DeathPolicy.NEGATIVE);
    }
}
