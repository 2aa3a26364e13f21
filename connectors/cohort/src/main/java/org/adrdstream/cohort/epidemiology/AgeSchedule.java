package org.adrdstream.cohort.epidemiology;

import java.util.Arrays;

/**
 * A rate per person-year that is constant within age bands: {@code rate(age) = rates[i]} for
 * {@code bandStarts[i] <= age < bandStarts[i + 1]}; the last band is open-ended, ages below the first band
 * get the first rate. Published tables come in this shape (5-year or wider bands).
 */
public final class AgeSchedule {

    private final double[] bandStarts;
    private final double[] rates;

    private AgeSchedule(double[] bandStarts, double[] rates) {
        if (bandStarts.length == 0 || bandStarts.length != rates.length) {
            throw new IllegalArgumentException("an age schedule needs one rate per band start");
        }
        for (int i = 1; i < bandStarts.length; i++) {
            if (bandStarts[i] <= bandStarts[i - 1]) {
                throw new IllegalArgumentException("band starts must increase: " + Arrays.toString(bandStarts));
            }
        }
        this.bandStarts = bandStarts.clone();
        this.rates = rates.clone();
    }

    /** Alternating band start and rate: {@code of(40, 0.01, 65, 0.03)} is 1 % a year from 40, 3 % from 65. */
    public static AgeSchedule of(double... startsAndRates) {
        if (startsAndRates.length % 2 != 0) {
            throw new IllegalArgumentException("expected pairs of band start and rate");
        }
        double[] starts = new double[startsAndRates.length / 2];
        double[] rates = new double[starts.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = startsAndRates[2 * i];
            rates[i] = startsAndRates[2 * i + 1];
        }
        return new AgeSchedule(starts, rates);
    }

    /** A schedule given per 1,000 person-years, the unit epidemiological tables use. */
    public static AgeSchedule perThousand(double... startsAndRatesPerThousand) {
        double[] scaled = startsAndRatesPerThousand.clone();
        for (int i = 1; i < scaled.length; i += 2) {
            scaled[i] /= 1000.0;
        }
        return of(scaled);
    }

    /** A schedule that is zero at every age. */
    public static AgeSchedule none() {
        return of(0, 0);
    }

    public double rate(double age) {
        int band = 0;
        while (band + 1 < bandStarts.length && age >= bandStarts[band + 1]) {
            band++;
        }
        return rates[band];
    }

    /** The integral of the rate over {@code [fromAge, toAge)} (the cumulative hazard). */
    public double cumulative(double fromAge, double toAge) {
        double total = 0;
        for (int i = 0; i < bandStarts.length; i++) {
            double start = i == 0 ? Double.NEGATIVE_INFINITY : bandStarts[i];
            double end = i + 1 < bandStarts.length ? bandStarts[i + 1] : Double.POSITIVE_INFINITY;
            double overlap = Math.min(end, toAge) - Math.max(start, fromAge);
            if (overlap > 0) {
                total += overlap * rates[i];
            }
        }
        return total;
    }
}
