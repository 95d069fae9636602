package org.uketsuke.app.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.face.camera.OpenCvCameraSource;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * {@code kiosk --check} against a real mock backend over mTLS and the real camera stack: a wrong port, a foreign CA
 * and a camera that is not there are each found and named by their key; checking writes nothing.
 */
class KioskCheckTest {

    @TempDir
    Path dir;

    private MockBackend backend;
    private TerminalFiles files;
    private final KioskCheck check = new KioskCheck(System::getenv, OpenCvCameraSource::new);

    @BeforeEach
    void startBackend() throws Exception {
        backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 42L, 5));
        files = TerminalFiles.write(backend.terminalTls(), Files.createDirectories(dir.resolve("etc")));
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    private UketsukeConfig config(String url, Path trustedCas, String extra) {
        String text = """
                terminal.id=counter-1
                institution.code=1311234567
                backend.url=%s
                tls.certificate=%s
                tls.key=%s
                tls.trusted_cas=%s
                data_dir=%s
                %s
                """.formatted(url, files.certificate(), files.key(), trustedCas, dir.resolve("data"), extra);
        return ((ConfigResult.Ok) ConfigParser.parse(text)).config();
    }

    private UketsukeConfig config(String extra) {
        return config(backend.baseUri().toString(), files.trustedCas(), extra);
    }

    @Test
    void aBackendThatAnswersOverMutualTlsPasses() {
        assertThat(check.backend(config("camera=none\nkiosk.identity_checks=pin")))
                .isEmpty();
    }

    @Test
    void aBackendOnTheWrongPortIsUnreachableOnBackendUrl() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "https://127.0.0.1:" + closed + "/";
        assertThat(check.backend(config(url, files.trustedCas(), "camera=none\nkiosk.identity_checks=pin")))
                .contains(new KioskCheck.Finding("backend.url", CheckReason.BACKEND_UNREACHABLE, url));
    }

    @Test
    void aBackendWhoseServerCertificateIsNotFromTheTrustedCasFailsOnTrustedCas() throws Exception {
        // The terminal CA is a real CA, but not the one that issued the server's certificate.
        Path foreign = dir.resolve("etc/foreign-ca.pem");
        Files.writeString(
                foreign,
                Files.readString(files.certificate())
                        .substring(Files.readString(files.certificate()).lastIndexOf("-----BEGIN CERTIFICATE-----")));
        assertThat(check.backend(
                        config(backend.baseUri().toString(), foreign, "camera=none\nkiosk.identity_checks=pin")))
                .map(KioskCheck.Finding::reason)
                .contains(CheckReason.BACKEND_TLS);
        assertThat(check.backend(
                        config(backend.baseUri().toString(), foreign, "camera=none\nkiosk.identity_checks=pin")))
                .map(KioskCheck.Finding::key)
                .contains("tls.trusted_cas");
    }

    @Test
    void aCameraThatIsNotThereFailsWhenTheFaceCheckIsOffered() {
        assertThat(check.camera(config("camera=63\nkiosk.identity_checks=pin,face")))
                .contains(new KioskCheck.Finding("camera", CheckReason.CAMERA_NO_FRAME, "63"));
        assertThat(check.camera(config("camera=63\nkiosk.identity_checks=pin"))).isEmpty();
    }

    @Test
    void checkingWritesNothingAndCreatesNoDatabase() throws IOException {
        List<Path> before = tree();
        List<KioskCheck.Finding> found =
                check.all(config("camera=none\nkiosk.identity_checks=pin\nsink.csv=" + dir.resolve("data/csv")));
        assertThat(found)
                .noneMatch(f -> f.key().startsWith("tls.")
                        || f.key().startsWith("sink.")
                        || f.key().equals("data_dir"));
        assertThat(tree()).isEqualTo(before);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void fileProblemsNameTheirKeyAndTellAMissingFileFromAFolderAndAKeyEveryoneReads() throws IOException {
        Files.setPosixFilePermissions(files.key(), PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(files.certificate());
        Path notAFolder = Files.writeString(dir.resolve("face"), "a file");
        String extra = "camera=none\nkiosk.identity_checks=pin\nsink.face_folder=" + notAFolder;
        assertThat(check.files(config(extra)))
                .containsExactlyInAnyOrder(
                        new KioskCheck.Finding(
                                "tls.key",
                                CheckReason.READABLE_BY_EVERYONE,
                                files.key().toString()),
                        new KioskCheck.Finding(
                                "tls.certificate",
                                CheckReason.NO_SUCH_FILE,
                                files.certificate().toString()),
                        new KioskCheck.Finding("sink.face_folder", CheckReason.NOT_A_FOLDER, notAFolder.toString()));
    }

    private List<Path> tree() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.startsWith(dir.resolve("backend")))
                    .sorted()
                    .toList();
        }
    }
}
