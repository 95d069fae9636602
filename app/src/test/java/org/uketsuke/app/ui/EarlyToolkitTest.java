package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The toolkit started early by {@code main} (cold start): what opens a window afterwards opens it on that toolkit, and
 * a start that failed is reported as the toolkit's own start reports it — never a wait for a toolkit that never runs.
 * Each case in a child JVM ({@link EarlyToolkitProbe}), since a JVM starts its toolkit once.
 */
class EarlyToolkitTest {

    @Test
    void theMaintenancePageOpensOnAToolkitStartedEarly() throws Exception {
        String out = probe(
                "page",
                List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"),
                Map.of());

        assertThat(out).containsPattern("SHOWN .*maintenance-page").contains("PAGE CLOSED");
    }

    @Test
    void aLaunchOnAToolkitWhoseEarlyStartFailedEndsWithThatFailure() throws Exception {
        // GTK on a display that does not exist: the toolkit's start fails on the early thread.
        String out = probe("launch", List.of("-Dglass.platform=gtk", "-Dprism.order=sw"), Map.of("DISPLAY", ":987"));

        assertThat(out).contains("FAILED").contains("DISPLAY").doesNotContain("LAUNCHED");
    }

    private static String probe(String mode, List<String> options, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(options);
        command.addAll(List.of(EarlyToolkitProbe.class.getName(), mode));
        Path output = Files.createTempFile("early-toolkit", ".out");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().remove("WAYLAND_DISPLAY");
            builder.environment().putAll(environment);
            Process probe = builder.start();
            boolean ended = probe.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                probe.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("ended within 60 s: " + out).isTrue();
            assertThat(probe.exitValue()).as(out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
