package org.adrdstream.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private final Pseudonymiser pseudonymiser = Pseudonymiser.withKey("a-secret-of-enough-length");

    @Test
    void theSameIdentifierFromTheSameSystemGivesTheSamePseudonym() {
        assertThat(pseudonymiser.pseudonym("hospital-a", "MRN1"))
                .isEqualTo(Pseudonymiser.withKey("a-secret-of-enough-length").pseudonym("hospital-a", "MRN1"))
                .matches("p-[0-9a-f]{32}");
    }

    @Test
    void systemKeyAndIdentifierEachChangeThePseudonym() {
        String base = pseudonymiser.pseudonym("hospital-a", "MRN1");
        assertThat(pseudonymiser.pseudonym("hospital-b", "MRN1")).isNotEqualTo(base);
        assertThat(pseudonymiser.pseudonym("hospital-a", "MRN2")).isNotEqualTo(base);
        assertThat(Pseudonymiser.withKey("another-secret-of-length").pseudonym("hospital-a", "MRN1")).isNotEqualTo(base);
        assertThat(base).doesNotContain("MRN1");
    }

    @Test
    void aShortKeyIsRefusedWithItsLength() {
        assertThatThrownBy(() -> Pseudonymiser.withKey("short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes").hasMessageContaining("5");
    }
}
