package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.tools.bench.BenchTable.Result;
import org.uketsuke.tools.bench.BenchTable.Row;
import picocli.CommandLine;

/**
 * The generated table's shape: every row has every column, a timed row its n / min / median / p95 / p99, a row with a
 * goal its pass / fail. No time is asserted (speed is measured by the bench, never by a test).
 */
class BenchTableTest {

    @TempDir
    Path dir;

    @Test
    void aBenchRunWritesEveryRowWithEveryColumnAndKeepsTheHandNotes() throws Exception {
        Path out = dir.resolve("benchmarks.md");
        Files.writeString(out, "# old\n\n" + BenchCommand.NOTES_MARKER + " kept -->\nhand note\n");

        int exit = new CommandLine(new BenchCommand())
                .execute("--quick", "--only", "apdus,codec", "--out", out.toString());

        assertThat(exit).isZero();
        String md = Files.readString(out);
        List<List<String>> table = BenchTable.cells(md);
        assertThat(table.getFirst()).isEqualTo(BenchTable.HEADER);
        List<List<String>> rows = table.subList(2, table.size());
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r).hasSameSizeAs(BenchTable.HEADER));
        int n = BenchTable.HEADER.indexOf("n");
        int result = BenchTable.HEADER.indexOf("result");
        List<String> apdus = rows.getFirst();
        assertThat(apdus.get(n)).isEqualTo("—");
        assertThat(apdus.get(result)).isIn("pass", "**FAIL**");
        for (List<String> codec : rows.subList(1, 3)) {
            assertThat(codec.get(n)).isEqualTo("2000");
            assertThat(codec.subList(n + 1, n + 5)).allMatch(c -> c.matches("[0-9]+\\.[0-9]{2} ms"));
        }
        assertThat(md).contains("hand note").contains("--only apdus,codec");
        assertThat(dir.resolve("bench-history.jsonl")).isNotEmptyFile();
    }

    @Test
    void aNotMeasuredRowOrATextWithABarKeepsTheColumns() {
        String md = BenchTable.markdown(
                List.of(
                        Row.notMeasured("no pcscd", "pcscd | vpcd missing", "≤ 8 APDUs"),
                        new Row(
                                "timed",
                                Optional.of(Stats.ofNanos(new long[] {3_000_000, 1_000_000, 2_000_000})),
                                "",
                                "p95 ≤ 15 ms",
                                Result.atMost(3, 15))),
                List.of("timed\t+5.0 %"));

        List<List<String>> table = BenchTable.cells(md);
        assertThat(table).hasSize(4).allSatisfy(r -> assertThat(r).hasSameSizeAs(BenchTable.HEADER));
        assertThat(table.get(2)).contains("not measured");
        assertThat(table.get(3))
                .containsSubsequence("timed", "3", "1.00 ms", "2.00 ms", "3.00 ms", "3.00 ms")
                .contains("pass", "+5.0 %");
    }

    @Test
    void aGoalIsMetOnlyWhenEveryPartOfItIs() {
        assertThat(Result.all(Result.atMost(1, 2), Result.atLeast(5, 4))).isEqualTo(Result.PASS);
        assertThat(Result.all(Result.atMost(1, 2), Result.atLeast(3, 4))).isEqualTo(Result.FAIL);
        assertThat(Result.atMost(Double.NaN, 2)).isEqualTo(Result.NOT_MEASURED);
    }
}
