package org.uketsuke.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/bench-history.jsonl: one JSON line per full bench run (machine, load, one figure per row), and the change of
 * each figure from the previous run on the same CPU model — so a figure is compared with its own machine kind only.
 */
final class BenchHistory {

    /** Over this relative change in the worse direction a figure is marked as a regression. */
    static final double REGRESSION = 0.10;

    /** One row's headline figure: the p95 of a min / median / p95 row (lower is better) or a rate "N /s" (higher). */
    record Figure(String name, double value, boolean higherIsBetter) {}

    record Run(
            String at,
            String cpu,
            int cores,
            String loadBefore,
            String loadAfter,
            boolean quick,
            List<Figure> figures) {}

    private static final Pattern TIMES = Pattern.compile("^([0-9.]+) / ([0-9.]+) / ([0-9.]+) (ms|s)\\b.*");
    private static final Pattern RATE = Pattern.compile("^([0-9.]+) /s\\b.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchHistory() {}

    static Optional<Figure> figureOf(String row, String measured) {
        Matcher times = TIMES.matcher(measured);
        if (times.matches()) {
            return Optional.of(new Figure(row, Double.parseDouble(times.group(3)), false));
        }
        Matcher rate = RATE.matcher(measured);
        if (rate.matches()) {
            return Optional.of(new Figure(row, Double.parseDouble(rate.group(1)), true));
        }
        return Optional.empty();
    }

    /** The 1, 5 and 15 minute load averages (/proc/loadavg), or "?" where there is none. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The newest full (not --quick) run on the same CPU model, if any. */
    static Optional<Run> previous(Path file, String cpu) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Run last = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                Run run = JSON.readValue(line, Run.class);
                if (run.cpu().equals(cpu) && !run.quick()) {
                    last = run;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    static void append(Path file, Run run) throws IOException {
        Files.writeString(
                file,
                JSON.writeValueAsString(run) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** "row\tchange" per figure both runs have: "+12.3 % ⚠" where it got worse by more than 10 %. */
    static List<String> changes(Optional<Run> previous, Run now) {
        List<String> changes = new ArrayList<>();
        if (previous.isEmpty()) {
            return changes;
        }
        for (Figure figure : now.figures()) {
            previous.get().figures().stream()
                    .filter(f -> f.name().equals(figure.name()) && f.value() > 0)
                    .findFirst()
                    .ifPresent(before -> {
                        double change = figure.value() / before.value() - 1;
                        boolean worse = figure.higherIsBetter() ? change < -REGRESSION : change > REGRESSION;
                        changes.add(figure.name() + "\t"
                                + String.format(Locale.ROOT, "%+.1f %%", change * 100)
                                + (worse ? " ⚠" : ""));
                    });
        }
        return changes;
    }

    static String changeOf(String row, List<String> changes) {
        return changes.stream()
                .filter(c -> c.startsWith(row + "\t"))
                .map(c -> c.substring(row.length() + 1))
                .findFirst()
                .orElse("");
    }
}
