package org.uketsuke.tools.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./uketsuke soak}: a bounded loop of patients with random faults; exit 1 if anything was lost or doubled. */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description =
                "N patients through virtual cards, the mock backend over mTLS and every local sink, with random faults.")
public final class SoakCommand implements Callable<Integer> {

    @Option(names = "--patients", defaultValue = "500", description = "How many patients (default 500).")
    int patients;

    @Option(
            names = "--fault-rate",
            defaultValue = "0.2",
            description = "Share of visits with a fault, 0–1 (default 0.2).")
    double faultRate;

    @Option(names = "--seed", defaultValue = "20261203", description = "Seed of the fault draw and the population.")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("uketsuke-soak");
        Soak.Report report;
        try {
            report = Soak.run(work, patients, faultRate, seed);
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        report.lines().forEach(System.out::println);
        return report.lost() == 0 && report.duplicated() == 0 ? 0 : 1;
    }
}
