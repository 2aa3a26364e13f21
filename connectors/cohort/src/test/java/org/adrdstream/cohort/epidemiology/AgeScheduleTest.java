package org.adrdstream.cohort.epidemiology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AgeScheduleTest {

    private final AgeSchedule schedule = AgeSchedule.of(40, 0.01, 65, 0.03);

    @Test
    void rateIsConstantWithinABandAndTheFirstRateCoversYoungerAges() {
        assertThat(schedule.rate(30)).isEqualTo(0.01);
        assertThat(schedule.rate(64.99)).isEqualTo(0.01);
        assertThat(schedule.rate(65)).isEqualTo(0.03);
        assertThat(schedule.rate(100)).isEqualTo(0.03);
    }

    @Test
    void cumulativeHazardAddsThePiecesOfEachBand() {
        assertThat(schedule.cumulative(60, 70)).isCloseTo(5 * 0.01 + 5 * 0.03, within(1e-12));
        assertThat(schedule.cumulative(70, 60)).isZero();
    }

    @Test
    void perThousandTablesAreScaled() {
        assertThat(AgeSchedule.perThousand(65, 1.52, 70, 4.10).rate(72)).isCloseTo(0.0041, within(1e-12));
    }

    @Test
    void bandStartsMustIncrease() {
        assertThatThrownBy(() -> AgeSchedule.of(65, 0.1, 40, 0.2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("band starts must increase");
    }

    @Test
    void prevalenceFollowsTheOnsetRateFromAgeForty() {
        // Hypertension: 15 % at 40, then 2 %/year to 50 and 3 %/year to 65.
        double expected = 1 - 0.85 * Math.exp(-(10 * 0.02 + 15 * 0.03));
        assertThat(RiskFactor.HYPERTENSION.prevalenceAt(65)).isCloseTo(expected, within(1e-12));
    }
}
