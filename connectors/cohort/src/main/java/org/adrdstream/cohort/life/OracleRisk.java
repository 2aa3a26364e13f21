package org.adrdstream.cohort.life;

import java.time.LocalDate;
import java.util.Set;

import org.adrdstream.cohort.epidemiology.CalibratedHazard;
import org.adrdstream.cohort.epidemiology.RiskFactor;

/**
 * The true five-year ADRD risk at an index time, from the hazard inputs only the generator knows (every
 * factor, latent ones included): {@code 1 - exp(-integral of the hazard over (t0, t0 + 5y])} with the factors
 * held at their state on t0, and 1 for someone whose dementia has already begun undiagnosed. It ignores
 * factors that begin later and competing death, so it ranks patients as the truth does; it is the ceiling no
 * model of the records can pass. For evaluation only: it never enters a topic.
 */
public final class OracleRisk {

    private final CalibratedHazard dementia;
    private final int horizonYears;

    public OracleRisk(CalibratedHazard dementia, int horizonYears) {
        this.dementia = dementia;
        this.horizonYears = horizonYears;
    }

    public double risk(LifeCourse life, LocalDate indexDate) {
        if (life.hasDementiaAt(indexDate)) {
            return 1.0;
        }
        Set<RiskFactor> present = life.factorsAt(indexDate);
        double multiplier = dementia.multiplier(present);
        double startAge = life.ageAt(indexDate);
        double cumulative = 0;
        for (int month = 0; month < 12 * horizonYears; month++) {
            cumulative += dementia.baseline(startAge + (month + 0.5) / 12) * multiplier / 12;
        }
        return -Math.expm1(-cumulative);
    }
}
