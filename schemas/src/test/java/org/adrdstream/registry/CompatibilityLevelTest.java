package org.adrdstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    @Test
    void parsesNamesCaseInsensitively() {
        assertThat(CompatibilityLevel.parse(" full_transitive ")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .hasMessageContaining("SIDEWAYS").hasMessageContaining("BACKWARD_TRANSITIVE");
    }

    @Test
    void fullChecksBothDirections() {
        assertThat(CompatibilityLevel.FULL.backward()).isTrue();
        assertThat(CompatibilityLevel.FULL.forward()).isTrue();
        assertThat(CompatibilityLevel.FULL.transitive()).isFalse();
        assertThat(CompatibilityLevel.NONE.backward() || CompatibilityLevel.NONE.forward()).isFalse();
    }
}
