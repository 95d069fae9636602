package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's history: figures read from the rows, compared with the previous full run on the same CPU model only. */
class BenchHistoryTest {

    @TempDir
    Path dir;

    private static BenchHistory.Run run(String cpu, boolean quick, double p95, double rate) {
        return new BenchHistory.Run(
                "2026-12-04T00:00:00Z",
                cpu,
                2,
                "1 / 1 / 1",
                "1 / 1 / 1",
                quick,
                List.of(new BenchHistory.Figure("visit", p95, false), new BenchHistory.Figure("rate", rate, true)));
    }

    @Test
    void aRowsFigureIsItsP95OrItsRate() {
        assertThat(BenchHistory.figureOf("visit", "7.60 / 14.51 / 24.85 ms (n=200)"))
                .contains(new BenchHistory.Figure("visit", 24.85, false));
        assertThat(new BenchTable.Row(
                                "visit",
                                Optional.of(new Stats(200, 7.6, 14.51, 24.85, 30.1)),
                                "",
                                "",
                                BenchTable.Result.NONE)
                        .figure())
                .contains(new BenchHistory.Figure("visit", 24.85, false));
        assertThat(BenchHistory.figureOf("rate", "1216 /s (4000 in 3.3 s), latency p99 10.9 ms"))
                .contains(new BenchHistory.Figure("rate", 1216, true));
        assertThat(BenchHistory.figureOf("apdus", "8 APDUs, 54 B sent")).isEmpty();
    }

    @Test
    void overTenPercentWorseIsMarkedInEitherDirectionOfGoodness() {
        List<String> changes =
                BenchHistory.changes(Optional.of(run("cpu", false, 20, 1000)), run("cpu", false, 23, 850));

        assertThat(BenchHistory.changeOf("visit", changes)).isEqualTo("+15.0 % ⚠");
        assertThat(BenchHistory.changeOf("rate", changes)).isEqualTo("-15.0 % ⚠");
        List<String> better =
                BenchHistory.changes(Optional.of(run("cpu", false, 20, 1000)), run("cpu", false, 21, 1200));
        assertThat(BenchHistory.changeOf("visit", better)).isEqualTo("+5.0 %");
        assertThat(BenchHistory.changeOf("rate", better)).isEqualTo("+20.0 %");
    }

    @Test
    void thePreviousRunIsTheNewestFullOneOnTheSameCpu() throws Exception {
        Path file = dir.resolve("bench-history.jsonl");
        BenchHistory.append(file, run("Intel", false, 10, 1));
        BenchHistory.append(file, run("AMD", false, 30, 1));
        BenchHistory.append(file, run("Intel", false, 12, 1));
        BenchHistory.append(file, run("Intel", true, 99, 1));

        assertThat(BenchHistory.previous(file, "Intel")
                        .orElseThrow()
                        .figures()
                        .getFirst()
                        .value())
                .isEqualTo(12);
        assertThat(BenchHistory.previous(file, "ARM")).isEmpty();
    }

    @Test
    void aGrowthRunKeepsThePointsOfTheNItDidNotMeasure() throws Exception {
        Path csv = dir.resolve("bench-growth.csv");
        GrowthChart.update(csv, List.of(new GrowthChart.Point(0, 20, 200), new GrowthChart.Point(1_000_000, 21, 210)));
        GrowthChart.update(csv, List.of(new GrowthChart.Point(0, 19, 201), new GrowthChart.Point(10_000, 20, 205)));

        assertThat(GrowthChart.read(csv))
                .containsExactly(
                        new GrowthChart.Point(0, 19, 201),
                        new GrowthChart.Point(10_000, 20, 205),
                        new GrowthChart.Point(1_000_000, 21, 210));
        assertThat(dir.resolve("bench-growth.png")).isNotEmptyFile();
    }
}
