package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.uketsuke.tools.bench.BenchTable.Result;
import org.uketsuke.tools.bench.BenchTable.Row;

class FloorsTest {

    private static long[] nanos(int n, IntToLongFunction each) {
        return IntStream.range(0, n).mapToLong(each::applyAsLong).toArray();
    }

    @Test
    void aBurstInOneBlockDoesNotRaiseTheFloor() {
        // 300 reads of 0.5 ms, of which the middle 50 were slowed to 4 ms by other load: the p95 of all is 4 ms.
        long[] reads = nanos(300, i -> i >= 100 && i < 150 ? 4_000_000 : 500_000);
        assertThat(Stats.ofNanos(reads).p95()).isEqualTo(4.0);
        assertThat(Floors.leastBlockP95(reads, 50)).isEqualTo(0.5);
    }

    @Test
    void aSpreadDisturbanceStillCountsInEveryBlock() {
        // Every tenth read slow: each block of 50 has five of them (10 %), above its p95 rank, so it is the floor.
        long[] reads = nanos(300, i -> i % 10 == 0 ? 3_000_000 : 500_000);
        assertThat(Floors.leastBlockP95(reads, 50)).isEqualTo(3.0);
    }

    @Test
    void theFloorIsTheLeastBlocksP95NeverBelowIt() {
        long[] reads = nanos(200, i -> 1_000_000L + (i % 50) * 10_000L + (i / 50) * 100_000L);
        // Blocks 0..3 rise by 0.1 ms each; block 0's p95 is 1 ms + its 48th value's 0.47 ms.
        assertThat(Floors.leastBlockP95(reads, 50)).isCloseTo(1.47, within(1e-9));
        long[] block0 = Arrays.copyOfRange(reads, 0, 50);
        assertThat(Floors.leastBlockP95(reads, 50))
                .isEqualTo(Stats.ofNanos(block0).p95());
    }

    @Test
    void aShortTailJoinsTheLastBlockAndFewMeasurementsAreOneBlock() {
        long[] reads = nanos(120, i -> i < 100 ? 2_000_000 : 100_000);
        // Blocks [0, 50) and [50, 120): the tail of 20 fast reads joins the second, whose p95 stays 2 ms.
        assertThat(Floors.leastBlockP95(reads, 50)).isEqualTo(2.0);
        long[] few = nanos(30, i -> i == 29 ? 9_000_000 : 1_000_000);
        assertThat(Floors.leastBlockP95(few, 50)).isEqualTo(Stats.ofNanos(few).p95());
    }

    @Test
    void theStepsRatioDividesByTheCardDialogueOneRoundTripAndAnFsyncPerDurableWrite() {
        Floors floors = new Floors();
        floors.cardDialogue(nanos(100, i -> 3_000_000));
        floors.roundTrip(nanos(100, i -> 500_000));
        floors.fsync(nanos(100, i -> 100_000));
        List<Row> rows = new ArrayList<>();
        // 3 + 0.5 + 5 × 0.1 = 4 ms; a p95 of 12 ms is 3× it.
        floors.cardToStoreStepsRatio(Stats.ofNanos(nanos(100, i -> 12_000_000)), 5.0, rows::add);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.detail())
                    .startsWith("3.00× (12.00 ms ÷ 4.00 ms: card dialogue 3.00 + round trip 0.50 + 5.0 writes × fsync"
                            + " 0.10)");
            // Reported, not judged: the issue's own ratio row keeps the goal.
            assertThat(row.result()).isEqualTo(Result.NONE);
        });
    }

    @Test
    void theStepsRatioSaysSoWhenTheCardDialogueWasNotMeasured() {
        Floors floors = new Floors();
        floors.roundTrip(nanos(100, i -> 500_000));
        floors.fsync(nanos(100, i -> 100_000));
        List<Row> rows = new ArrayList<>();
        floors.cardToStoreStepsRatio(Stats.ofNanos(nanos(100, i -> 12_000_000)), 5.0, rows::add);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.stats()).isEmpty();
            assertThat(row.detail()).contains("not measured");
        });
    }
}
