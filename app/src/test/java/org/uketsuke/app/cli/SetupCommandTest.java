package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.production.KioskCheck;
import org.uketsuke.face.camera.OpenCvCameraSource;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import picocli.CommandLine;

/** {@code uketsuke setup} for a trial: a configuration that reads and reaches the mock backend, with owners and modes. */
class SetupCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Uketsuke()).execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTrialSetupWritesAConfigurationThatReachesTheMockBackendWithPrivateKeysAndData() throws Exception {
        String group =
                Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        Path conf = dir.resolve("etc/uketsuke.conf");
        Path data = dir.resolve("data");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 42L, 5))) {
            Run run = run(
                    "setup",
                    "--config",
                    conf.toString(),
                    "--data-dir",
                    data.toString(),
                    "--group",
                    group,
                    "--terminal-id",
                    "counter-1",
                    "--backend-url",
                    backend.baseUri().toString(),
                    "--trial-backend",
                    dir.resolve("backend").toString(),
                    "--camera",
                    "none",
                    "--identity-checks",
                    "pin");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("wrote " + conf).contains("kiosk --config " + conf + " --check");

            UketsukeConfig config = ((ConfigResult.Ok) ConfigParser.parse(Files.readAllBytes(conf))).config();
            assertThat(config.institutionCode()).isEqualTo("1311234567");
            assertThat(Files.readString(conf)).contains("# tls.key: ").contains("# default: ");
            // The files and the backend pass the kiosk's own check (the reader is the counter's, not this test's).
            KioskCheck check = new KioskCheck(System::getenv, OpenCvCameraSource::new);
            assertThat(check.files(config)).isEmpty();
            assertThat(check.backend(config)).isEmpty();

            Path key = dir.resolve("etc/terminal.key");
            for (Path secret : new Path[] {conf, key}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                        .as(secret.toString())
                        .isEqualTo("rw-r-----");
                GroupPrincipal owner =
                        Files.readAttributes(secret, PosixFileAttributes.class).group();
                assertThat(owner.getName()).isEqualTo(group);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwxrwx---");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("etc"))))
                    .isEqualTo("rwxr-x---");

            Run again = run("setup", "--config", conf.toString(), "--group", group, "--terminal-id", "x");
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.err()).contains("already a working configuration");
        }
    }

    @Test
    void missingValuesAreNamedWithTheFlagThatSetsThem() {
        String group = "root";
        Run run = run(
                "setup",
                "--config",
                dir.resolve("uketsuke.conf").toString(),
                "--data-dir",
                dir.resolve("data").toString(),
                "--group",
                group,
                "--institution-code",
                "1311234567");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("terminal.id: required (--terminal-id)")
                .contains("backend.url: required (--backend-url)")
                .contains("tls.key: required (--key or --trial-backend)");
        assertThat(dir.resolve("uketsuke.conf")).doesNotExist();
    }

    @Test
    void templatePrintsTheAnnotatedTemplate() {
        Run run = run("setup", "--template");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(ConfigTemplate.text());
    }
}
