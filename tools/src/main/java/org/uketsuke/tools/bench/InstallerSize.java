package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.uketsuke.tools.bench.BenchTable.Result;
import org.uketsuke.tools.bench.BenchTable.Row;

/** The DEB's size (goal ≤ 80 MiB): packaging/build-deb.sh run by the bench into its temporary folder. */
final class InstallerSize {

    private static final String WHAT = "Installer size: uketsuke DEB (linux-x86_64 natives only, stripped runtime)";
    private static final String GOAL = "≤ 80 MiB";

    private InstallerSize() {}

    static void measure(Path work, boolean quick, Consumer<Row> out) throws IOException, InterruptedException {
        Path script = Path.of("packaging", "build-deb.sh");
        if (quick) {
            out.accept(Row.notMeasured(WHAT, "--quick (the DEB build takes minutes)", GOAL));
            return;
        }
        if (!Files.isRegularFile(script)) {
            out.accept(Row.notMeasured(WHAT, "needs the source tree (packaging/build-deb.sh)", GOAL));
            return;
        }
        Path dir = Files.createDirectories(work.resolve("deb"));
        Process build = new ProcessBuilder("bash", script.toString(), "0.0.0", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("build.log").toFile())
                .start();
        if (!build.waitFor(20, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            out.accept(Row.notMeasured(WHAT, "build-deb.sh failed (" + dir.resolve("build.log") + ")", GOAL));
            return;
        }
        Optional<Path> deb = find(dir, "uketsuke_");
        Optional<Path> training = find(dir, "uketsuke-training_");
        if (deb.isEmpty()) {
            out.accept(Row.notMeasured(WHAT, "build-deb.sh made no uketsuke_*.deb", GOAL));
            return;
        }
        double mib = Files.size(deb.get()) / (1024.0 * 1024.0);
        out.accept(new Row(
                WHAT,
                Optional.empty(),
                String.format(Locale.ROOT, "%.1f MiB", mib)
                        + (training.isPresent()
                                ? String.format(
                                        Locale.ROOT,
                                        " (+ uketsuke-training %.1f MiB)",
                                        Files.size(training.get()) / (1024.0 * 1024.0))
                                : ""),
                GOAL,
                Result.atMost(mib, 80)));
    }

    private static Optional<Path> find(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith(".deb"))
                    .toList();
            return debs.stream().findFirst();
        }
    }
}
