package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #27: a kiosk started without a window manager (as by {@code xinit}) at 75 % drew small with touches landing
 * on unscaled positions. Here a real Xvfb server with no window manager, the real GTK toolkit (not the tests'
 * headless Monocle) in a child JVM ({@link UnmanagedKioskProbe}), and clicks injected by the X server at physical
 * pixels: the kiosk's stage covers the whole screen and a click where the button is drawn hits it, at 0.75 and 1.0.
 */
class UnmanagedScreenScaleTest {

    private static final int WIDTH = 1024;
    private static final int HEIGHT = 768;

    private static Process xvfb;
    private static String display;

    @BeforeAll
    static void startXvfb() throws IOException {
        Path server = Path.of("/usr/bin/Xvfb");
        if (!Files.isExecutable(server)) {
            throw new IllegalStateException("Xvfb is not installed: apt-get install xvfb (the launcher does)");
        }
        // -displayfd: the server picks a free display and writes its number once it accepts connections.
        xvfb = new ProcessBuilder(
                        server.toString(),
                        "-displayfd",
                        "1",
                        "-screen",
                        "0",
                        WIDTH + "x" + HEIGHT + "x24",
                        "-nolisten",
                        "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        display = ":" + firstLine(xvfb.getInputStream()).strip();
    }

    @AfterAll
    static void stopXvfb() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }

    @ParameterizedTest
    @CsvSource({"0.75", "1.0"})
    void theKioskCoversTheScreenAndAClickWhereAButtonIsDrawnHitsIt(double scale) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.awt.headless=false",
                "-Dsun.java2d.uiScale=1",
                "-Dglass.platform=gtk",
                "-Dprism.order=sw",
                UnmanagedKioskProbe.class.getName(),
                Double.toString(scale)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", display);
        builder.environment().remove("WAYLAND_DISPLAY");
        Process probe = builder.start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(out).isZero();
        assertThat(out).as("the whole screen, in physical pixels").contains("COVERS " + WIDTH + " " + HEIGHT);
        assertThat(out).contains("SCALED hit");
        if (scale != 1) {
            assertThat(out).as("the test tells the positions apart").contains("UNSCALED miss");
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        if (line.isEmpty()) {
            throw new IllegalStateException("Xvfb did not start");
        }
        return line.toString();
    }
}
