package org.adrdstream.task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Assigns patients, never examples, to train, validation and test sets: a hash of the seed and the
 * pseudonym decides, so every configuration of a study shares one fixed test set and a patient keeps its
 * set as the cohort grows.
 */
public final class PatientSplit {

    /** The three sets. */
    public enum Part { TRAIN, VALIDATION, TEST }

    private final String seed;
    private final double trainFraction;
    private final double validationFraction;

    /**
     * @param seed               names the split; the same seed gives the same assignment
     * @param trainFraction      share of patients in TRAIN
     * @param validationFraction share in VALIDATION; TEST takes the rest
     */
    public PatientSplit(String seed, double trainFraction, double validationFraction) {
        this.seed = Objects.requireNonNull(seed, "seed");
        if (trainFraction <= 0 || validationFraction < 0 || trainFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("fractions must leave a test set: train " + trainFraction
                    + ", validation " + validationFraction);
        }
        this.trainFraction = trainFraction;
        this.validationFraction = validationFraction;
    }

    /** 70 % train, 10 % validation, 20 % test. */
    public static PatientSplit standard(String seed) {
        return new PatientSplit(seed, 0.7, 0.1);
    }

    public Part partOf(String pseudonym) {
        double u = unitInterval(pseudonym);
        if (u < trainFraction) {
            return Part.TRAIN;
        }
        return u < trainFraction + validationFraction ? Part.VALIDATION : Part.TEST;
    }

    /** A uniform number in [0, 1) fixed by seed and pseudonym; also orders patients for nested data scales. */
    public double unitInterval(String pseudonym) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + '\u0000' + pseudonym).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) {
                bits = (bits << 8) | (digest[i] & 0xff);
            }
            return (bits >>> 3) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
