package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;

/**
 * {@code self-check} with the card service really down for it: pcsc-lite's client is pointed at a socket nobody
 * serves ({@code PCSCLITE_CSOCK_NAME}), so the check meets exactly what a stopped pcscd gives, without stopping the
 * machine's pcscd for the other tests. It must fail, and must not start a pcscd of its own.
 */
class SelfCheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void exitsNonZeroWhenTheCardServiceIsDown() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Uketsuke.class.getName(),
                        "self-check")
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment()
                .put("PCSCLITE_CSOCK_NAME", dir.resolve("no-pcscd.comm").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> cardService = out.lines()
                .filter(line -> line.contains("\"check\":\"card-service\""))
                .toList();
        assertThat(cardService)
                .singleElement()
                .asString()
                .contains("\"ok\":false")
                .contains("\"required\":true");
        assertThat(process.exitValue()).as(out).isEqualTo(1);
        assertThat(dir.resolve("no-pcscd.comm")).doesNotExist();
    }
}
