package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The soak's comparison: a lost key and a doubled one are both counted, not netted against each other. */
class KeyComparisonTest {

    @Test
    void aLostAndADoubledEntryDoNotCancelOut() {
        KeyComparison c = KeyComparison.of(Set.of("a", "b", "c"), List.of("a", "a", "c"));
        assertThat(c).isEqualTo(new KeyComparison(1, 1));
    }

    @Test
    void aKeyTheOutboxNeverHadCountsAsDoubled() {
        assertThat(KeyComparison.of(Set.of("a"), List.of("a", "x"))).isEqualTo(new KeyComparison(0, 1));
        assertThat(KeyComparison.of(Set.of("a", "b"), List.of("b", "a"))).isEqualTo(new KeyComparison(0, 0));
    }
}
