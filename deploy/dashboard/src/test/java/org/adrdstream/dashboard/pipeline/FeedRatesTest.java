package org.adrdstream.dashboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedRatesTest {

    @Test
    void rateCountsTheWindowByRecordTimestampsPerFeed() {
        FeedRates rates = new FeedRates(10);
        long now = 1_000_000_000L;
        for (int i = 0; i < 50; i++) {
            rates.record("hospital (FHIR_R4)", now - 2_000 + i); // 50 records in the window
        }
        for (int i = 0; i < 30; i++) {
            rates.record("hospital (FHIR_R4)", now - 60_000); // a backlog from a minute ago: totals only
        }
        rates.record("hospital (HL7V2)", now);

        var snapshot = rates.rates(now);
        assertThat(snapshot.keySet()).containsExactly("hospital (FHIR_R4)", "hospital (HL7V2)");
        assertThat(snapshot.get("hospital (FHIR_R4)").total()).isEqualTo(80);
        assertThat(snapshot.get("hospital (FHIR_R4)").perSecond()).isEqualTo(5.0);
        assertThat(snapshot.get("hospital (HL7V2)").perSecond()).isEqualTo(0.1);
        assertThat(rates.rates(now + 60_000).get("hospital (FHIR_R4)").perSecond()).as("a quiet feed").isZero();
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> new FeedRates(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
