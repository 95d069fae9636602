package org.uketsuke.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The table of docs/benchmarks.md: one row per figure with n, min, median, p95 and p99 in their own columns, the goal
 * and whether the run met it (pass / fail), and the change from the previous run on the same CPU model.
 */
final class BenchTable {

    static final List<String> HEADER =
            List.of("benchmark", "n", "min", "median", "p95", "p99", "also measured", "goal", "result", "change");

    /** Whether a row met its goal; {@link #NONE} for rows without one (splits, floors, reference figures). */
    enum Result {
        PASS("pass"),
        FAIL("**FAIL**"),
        NONE(""),
        NOT_MEASURED("not measured");

        private final String text;

        Result(String text) {
            this.text = text;
        }

        static Result atMost(double value, double limit) {
            return Double.isNaN(value) ? NOT_MEASURED : value <= limit ? PASS : FAIL;
        }

        static Result atLeast(double value, double limit) {
            return Double.isNaN(value) ? NOT_MEASURED : value >= limit ? PASS : FAIL;
        }

        static Result all(Result... results) {
            for (Result r : results) {
                if (r == FAIL || r == NOT_MEASURED) {
                    return r;
                }
            }
            return PASS;
        }
    }

    /** One figure; {@code stats} is empty for counts, sizes and ratios (their figure is in {@code detail}). */
    record Row(String what, Optional<Stats> stats, String detail, String goal, Result result) {

        static Row notMeasured(String what, String why, String goal) {
            return new Row(what, Optional.empty(), "not measured: " + why, goal, Result.NOT_MEASURED);
        }

        /** The console line of the row. */
        String line() {
            return what + ": "
                    + stats.map(s -> s.row("ms") + (detail.isEmpty() ? "" : "; "))
                            .orElse("") + detail + (goal.isEmpty() ? "" : "  (goal " + goal + ": " + result.text + ")");
        }

        /** The history's figure: a timed row's p95 (lower is better), else a leading rate "N /s" (higher). */
        Optional<BenchHistory.Figure> figure() {
            return stats.map(s -> new BenchHistory.Figure(what, s.p95(), false))
                    .or(() -> BenchHistory.figureOf(what, detail));
        }
    }

    private BenchTable() {}

    static String markdown(List<Row> rows, List<String> changes) {
        StringBuilder md = new StringBuilder();
        md.append(line(HEADER));
        md.append(line(HEADER.stream().map(h -> "---").toList()));
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(r.what());
            if (r.stats().isPresent()) {
                Stats s = r.stats().get();
                cells.add(Integer.toString(s.runs()));
                for (double v : new double[] {s.min(), s.median(), s.p95(), s.p99()}) {
                    cells.add(String.format(Locale.ROOT, "%.2f ms", v));
                }
            } else {
                cells.addAll(List.of("—", "—", "—", "—", "—"));
            }
            cells.add(r.detail());
            cells.add(r.goal());
            cells.add(r.result().text);
            cells.add(BenchHistory.changeOf(r.what(), changes));
            md.append(line(cells));
        }
        return md.toString();
    }

    private static String line(List<String> cells) {
        return "| "
                + String.join(
                        " | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    /** The cells of every line of the first table in {@code markdown} (header and separator included). */
    static List<List<String>> cells(String markdown) {
        List<List<String>> table = new ArrayList<>();
        boolean in = false;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("|")) {
                in = true;
                String inner = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0));
                List<String> cells = new ArrayList<>();
                for (String c : inner.split("(?<!\\\\)\\|", -1)) {
                    cells.add(c.strip());
                }
                table.add(cells);
            } else if (in) {
                break;
            }
        }
        return table;
    }
}
