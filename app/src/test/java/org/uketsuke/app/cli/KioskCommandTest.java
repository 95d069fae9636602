package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;
import org.uketsuke.app.production.CheckReason;
import org.uketsuke.app.production.KioskCheck;
import org.uketsuke.app.production.TerminalFiles;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import picocli.CommandLine;

/** {@code ./uketsuke kiosk --config FILE}: a configuration that cannot be used exits with 2 and names the key. */
class KioskCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    /** A counter whose reader is not there and whose backend does not answer; the key lines and the rest follow. */
    static final String NOTHING_CONNECTED = """
            terminal.id=counter-1
            institution.code=1311234567
            reader=No Such Reader 00 00
            camera=none
            kiosk.identity_checks=pin
            backend.url=https://127.0.0.1:1/
            """;

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
    void anInvalidConfigurationExitsWithTwoNamingEveryBadKeyAndLineInBothLanguages() throws Exception {
        Path conf = dir.resolve("uketsuke.conf");
        Files.writeString(conf, """
                # the installer's file, half edited
                kiosk_autostart=no
                terminal.id=counter-1
                institution.code=12345
                backend.url=http://oqs.example.jp/
                tls.certificate=/etc/uketsuke/terminal.crt
                tls.key=/etc/uketsuke/terminal.key
                tls.trusted_cas=/etc/uketsuke/ca.pem
                data_dir=/var/lib/uketsuke
                """);
        Run run = run("kiosk", "--config", conf.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains(conf + ": line 4, institution.code: the medical institution code is 10 digits")
                .contains(conf + ": 4行目 institution.code: 医療機関コードは10桁の数字です")
                .contains(conf + ": line 5, backend.url: must be an https:// URL");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingFileExitsWithTwo() {
        Run run = run("kiosk", "--config", dir.resolve("absent.conf").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("absent.conf: cannot read the configuration");
    }

    @Test
    void aCertificateFileThatIsNotThereExitsWithTwoNamingItsKey() throws Exception {
        Path conf = dir.resolve("uketsuke.conf");
        Files.writeString(conf, """
                terminal.id=counter-1
                institution.code=1311234567
                backend.url=https://oqs.example.jp/
                tls.certificate=%s
                tls.key=%s
                tls.trusted_cas=%s
                data_dir=%s
                """.formatted(
                        dir.resolve("no.crt"), dir.resolve("no.key"), dir.resolve("no-ca.pem"), dir.resolve("data")));
        Run run = run("kiosk", "--config", conf.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("tls.key: " + dir.resolve("no.key") + ": no such file");
    }

    @Test
    void checkSaysAUsableConfigurationIsUsable() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 42L, 5))) {
            Path conf = usableConfiguration(backend);
            Run run = run("kiosk", "--config", conf.toString(), "--check");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("usable: ");
            assertThat(dir.resolve("data")).as("--check writes nothing").doesNotExist();
        }
    }

    @Test
    void checkNamesAWrongPortAndAReaderThatIsNotThereWithLineKeyAndFixInBothLanguages() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 42L, 5))) {
            TerminalFiles files =
                    TerminalFiles.write(backend.terminalTls(), Files.createDirectories(dir.resolve("etc")));
            Path conf = dir.resolve("uketsuke.conf");
            Files.writeString(
                    conf,
                    NOTHING_CONNECTED
                            + """
                    tls.certificate=%s
                    tls.key=%s
                    tls.trusted_cas=%s
                    data_dir=%s
                    """.formatted(files.certificate(), files.key(), files.trustedCas(), dir.resolve("data")));
            Run run = run("kiosk", "--config", conf.toString(), "--check");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err())
                    .contains(conf + ": line 6, backend.url: https://127.0.0.1:1/: no answer")
                    .contains("(check backend.url (host and port) and the network)")
                    .contains(conf + ": 6行目 backend.url: https://127.0.0.1:1/: 応答がありません")
                    .contains(conf + ": line 3, reader: the reader \"No Such Reader 00 00\" is not connected")
                    .contains(conf + ": 3行目 reader: カードリーダー「No Such Reader 00 00」が接続されていません")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void everyCheckReasonSaysWhatToDoInBothLanguages() {
        for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            Messages messages = new Messages(language);
            for (CheckReason reason : CheckReason.values()) {
                String line = KioskCommand.describe(
                        new KioskCheck.Finding("tls.key", reason, "/etc/uketsuke/terminal.key"), 7, messages);
                assertThat(line)
                        .as(reason + " " + language)
                        .startsWith(language.equals(Locale.ENGLISH) ? "line 7, tls.key: " : "7行目 tls.key: ")
                        .contains(messages.get("check.fix." + reason.name()))
                        .as("a fix has no arguments, so no MessageFormat quoting")
                        .doesNotContain("''");
            }
        }
    }

    @Test
    void theLineOfAKeyIsWhereItIsSetNotWhereAnExampleMentionsIt() {
        String text = "# tls.key: the key\n#tls.key=/etc/example\n\n tls.key = /etc/uketsuke/terminal.key\n";
        assertThat(KioskCommand.lineOf(text, "tls.key")).isEqualTo(4);
        assertThat(KioskCommand.lineOf(text, "reader")).isZero();
        assertThat(KioskCommand.lineOf(text, "")).isZero();
    }

    @Test
    void withoutAStaffAdministratorTheConsoleDoesNotOpenAndSaysHowToCreateOne() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 42L, 5))) {
            Path data = dir.resolve("data");
            Run run = run("kiosk", "--config", usableConfiguration(backend).toString());
            assertThat(run.exit()).isEqualTo(KioskCommand.NO_ADMINISTRATOR);
            assertThat(run.err())
                    .contains("uketsuke staff add --data-dir " + data + " --roles administrator")
                    .contains("スタッフ管理者がまだいません");
        }
    }

    /** A configuration the kiosk can start on: the mock backend, its terminal certificate, no camera. */
    private Path usableConfiguration(MockBackend backend) throws Exception {
        TerminalFiles files = TerminalFiles.write(backend.terminalTls(), Files.createDirectories(dir.resolve("etc")));
        Path conf = dir.resolve("uketsuke.conf");
        Files.writeString(conf, """
                terminal.id=counter-1
                institution.code=1311234567
                camera=none
                kiosk.identity_checks=pin
                backend.url=%s
                tls.certificate=%s
                tls.key=%s
                tls.trusted_cas=%s
                data_dir=%s
                """.formatted(
                        backend.baseUri(), files.certificate(), files.key(), files.trustedCas(), dir.resolve("data")));
        return conf;
    }
}
