package org.uketsuke.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs last in the reactor and reads what every module's tests logged ({@code <module>/target/test-logs/*.log}, and
 * Surefire's {@code *-output.txt} and {@code *.dumpstream} where present): no test PIN, no 照合番号B, no full
 * certificate, no My Number. Prints one {@code ok}/{@code not ok} line per file; a finding names the file and line.
 * Logs accumulate until {@code mvn clean}, so an old leak keeps failing until it is gone from the code and the logs.
 */
class NoSecretsInLogsTest {

    @Test
    void theWholeSuitesLogsHoldNoSecrets() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> logs = logs(root);
        Assumptions.assumeFalse(logs.isEmpty(), "no test logs under " + root + ": run the other modules' tests first");
        List<LogScanner.Finding> findings = new ArrayList<>();
        for (Path log : logs) {
            List<LogScanner.Finding> found = LogScanner.scan(log);
            System.out.println((found.isEmpty() ? "ok - " : "not ok - ")
                    + root.relativize(log)
                    + (found.isEmpty() ? "" : " (" + found.size() + " findings)"));
            findings.addAll(found);
        }
        System.out.println("log scan: " + logs.size() + " files, " + findings.size() + " findings");
        assertThat(findings).as("secrets in test logs (file:line: kind)").isEmpty();
    }

    private static List<Path> logs(Path root) throws IOException {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                collect(module.resolve("target/test-logs"), ".log", logs);
                collect(module.resolve("target/surefire-reports"), "-output.txt", logs);
                collect(module.resolve("target/surefire-reports"), ".dumpstream", logs);
            }
        }
        return logs;
    }

    private static void collect(Path folder, String suffix, List<Path> into) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .forEach(into::add);
        }
    }
}
