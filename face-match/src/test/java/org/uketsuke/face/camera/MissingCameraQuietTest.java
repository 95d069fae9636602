package org.uketsuke.face.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A camera that is not there leaves no raw OpenCV/V4L text on stderr (that noise reached the journal and the
 * terminal's console): in a fresh JVM without {@code OPENCV_LOG_LEVEL}, as a kiosk starts, opening a device index no
 * machine has answers "not opened" and stderr stays empty. The terminal's own typed line is the app's to log.
 */
class MissingCameraQuietTest {

    /** The child: opens the missing device and says whether it opened. */
    public static final class Child {
        public static void main(String[] args) {
            try (OpenCvCameraSource camera = new OpenCvCameraSource(Integer.parseInt(args[0]), 640, 480, 15)) {
                System.out.println("opened=" + camera.opened() + " " + camera.next());
            }
        }
    }

    @Test
    void aMissingCameraLeavesNothingOnStderr() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                "63");
        builder.environment().remove("OPENCV_LOG_LEVEL");
        Process child = builder.start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out).startsWith("opened=false").contains("Unavailable");
        assertThat(err).isEmpty();
        assertThat(child.exitValue()).isZero();
    }
}
