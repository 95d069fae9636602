package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The theme at a cold start: ours is set before the first control class initialises — JavaFX's {@code Control} loads
 * its own theme (Modena) in its static initialiser when no application theme is set, only for ours to replace it —
 * and the font the start opens ahead of the first style pass is the one kiosk.css asks for. Each start in a child JVM
 * ({@link ThemeProbe}) with the JVM's class-initialisation log on.
 */
class ThemeTest {

    private static final String THEME = "Initializing 'org/uketsuke/app/ui/Theme'";
    private static final String CONTROL = "Initializing 'javafx/scene/control/Control'";

    @Test
    void theStartingKioskSetsOurThemeBeforeTheFirstControlAndOpensItsFonts() throws Exception {
        String out = probe("kiosk");

        assertThat(out).contains(THEME).contains(CONTROL);
        assertThat(out.indexOf(THEME)).as("Theme before Control").isLessThan(out.indexOf(CONTROL));
        assertThat(out).contains("FONTS OPEN").containsPattern("THEME .*primer-light");
    }

    @Test
    void theProbeSeesAControlBuiltBeforeTheTheme() throws Exception {
        // What the check above would see if a control were built first (Modena loaded, then replaced).
        String out = probe("control-first");

        assertThat(out.indexOf(CONTROL)).isNotNegative().isLessThan(out.indexOf(THEME));
    }

    @Test
    void theFontOpenedAtStartIsKioskCssFirstFamily() throws IOException {
        String css;
        try (InputStream in = Theme.class.getResourceAsStream("kiosk.css")) {
            assertThat(in).isNotNull();
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher root =
                Pattern.compile("\\.root \\{[^}]*-fx-font-family: \"([^\"]+)\"").matcher(css);

        assertThat(root.find()).as("kiosk.css's .root names a font family").isTrue();
        assertThat(Theme.KIOSK_FONT).isEqualTo(root.group(1));
    }

    private static String probe(String mode) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true",
                "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless",
                "-Dprism.order=sw",
                "-Xlog:class+init=info:stdout",
                "-cp",
                System.getProperty("java.class.path"),
                ThemeProbe.class.getName(),
                mode);
        Path output = Files.createTempFile("theme-probe", ".out");
        try {
            Process probe = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean ended = probe.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                probe.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("ended within 60 s").isTrue();
            assertThat(probe.exitValue()).isZero();
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
