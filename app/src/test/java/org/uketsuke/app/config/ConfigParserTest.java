package org.uketsuke.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.app.config.ConfigProblem.Reason;
import org.uketsuke.app.config.UketsukeConfig.IdentityCheck;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.ReasonTexts;
import org.uketsuke.bridge.DataProtection;
import org.uketsuke.bridge.retention.Retention;
import org.uketsuke.bridge.sink.PrivateFiles;

public class ConfigParserTest {

    private static final Messages JA = new Messages(Messages.JAPANESE);
    private static final Messages EN = new Messages(Messages.ENGLISH);

    /** The smallest file a production kiosk starts from: the required keys only. */
    public static final String MINIMAL = """
            terminal.id=counter-1
            institution.code=1311234567
            backend.url=https://oqs.example.jp/api
            tls.certificate=/etc/uketsuke/terminal.crt
            tls.key=/etc/uketsuke/terminal.key
            tls.trusted_cas=/etc/uketsuke/server-ca.pem
            data_dir=/var/lib/uketsuke
            """;

    @Test
    void theRequiredKeysAloneGiveTheDefaultsForEverythingElse() {
        UketsukeConfig c = ok(MINIMAL);
        assertThat(c.terminalId()).isEqualTo("counter-1");
        assertThat(c.institutionCode()).isEqualTo("1311234567");
        assertThat(c.language()).isEqualTo(Locale.JAPANESE);
        assertThat(c.kioskAutostart()).isFalse();
        assertThat(c.javaOptions()).isEmpty();
        assertThat(c.reader().name()).isEmpty();
        assertThat(c.camera()).isEqualTo(new UketsukeConfig.Camera(OptionalInt.of(0), 1280, 720, 15));
        assertThat(c.backend().url()).hasToString("https://oqs.example.jp/api");
        assertThat(c.backend().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.backend().credentials())
                .isEqualTo(new UketsukeConfig.Credentials.Pem(
                        Path.of("/etc/uketsuke/terminal.key"),
                        Path.of("/etc/uketsuke/terminal.crt"),
                        Path.of("/etc/uketsuke/server-ca.pem")));
        assertThat(c.sinks().dataDir()).isEqualTo(Path.of("/var/lib/uketsuke"));
        assertThat(c.sinks().outbox()).isEqualTo(Path.of("/var/lib/uketsuke/outbox.db"));
        assertThat(c.sinks().sqlite()).isEqualTo(Path.of("/var/lib/uketsuke/rececon.db"));
        assertThat(c.sinks().faceFolder()).isEqualTo(Path.of("/var/lib/uketsuke/face"));
        assertThat(c.sinks().faceCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(c.sinks().csv()).isNull();
        assertThat(c.sinks().postgresUrl()).isNull();
        assertThat(c.sinks().postgresUser()).isEqualTo("uketsuke");
        assertThat(c.sinks().postgresCaFile()).isNull();
        assertThat(c.sinks().postgresAllowPlain()).isFalse();
        assertThat(c.kiosk())
                .isEqualTo(new UketsukeConfig.Kiosk(
                        Duration.ofSeconds(90),
                        false,
                        Set.of(IdentityCheck.PIN, IdentityCheck.FACE, IdentityCheck.VISUAL)));
        assertThat(c.kiosk().speech()).isEqualTo(UketsukeConfig.Speech.OFF);
        assertThat(c.staff()).isEmpty();
    }

    @Test
    void everyKeyIsRead() {
        UketsukeConfig c = ok("""
                # a clinic's kiosk
                kiosk_autostart=yes
                java_options=-Xmx1g -Dhttps.proxyHost=proxy
                terminal.id=counter-2
                institution.code=0112345678
                language=en
                reader = ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00
                camera=2
                camera.width=640
                camera.height=480
                camera.fps=30
                backend.url=https://10.0.0.5:8443/
                backend.timeout_seconds=30
                tls.pkcs12=/etc/uketsuke/terminal.p12
                tls.pkcs12_password_env=CLINIC_P12_PASSWORD
                tls.trusted_cas=/etc/uketsuke/server-ca.pem
                data_dir=/srv/uketsuke/
                sink.sqlite=off
                sink.face_folder=/mnt/rececon/face
                sink.face_charset=Shift_JIS
                sink.csv=/mnt/rececon/csv
                sink.postgres.url=jdbc:postgresql://db.local:5432/rececon
                sink.postgres.user=kiosk
                sink.postgres.ca_file=/etc/uketsuke/db-ca.pem
                tls.server_crl=https://crl.oqs.example.jp/server-ca.crl
                kiosk.idle_timeout_seconds=45
                kiosk.e_prescription=yes
                kiosk.identity_checks=pin, visual
                kiosk.speech=auto
                staff.yamada=山田 花子
                staff.suzuki-01=鈴木
                """);
        assertThat(c.kioskAutostart()).isTrue();
        assertThat(c.javaOptions()).isEqualTo("-Xmx1g -Dhttps.proxyHost=proxy");
        assertThat(c.language()).isEqualTo(Locale.ENGLISH);
        assertThat(c.reader().name()).contains("ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00");
        assertThat(c.camera()).isEqualTo(new UketsukeConfig.Camera(OptionalInt.of(2), 640, 480, 30));
        assertThat(c.backend().url().getPort()).isEqualTo(8443);
        assertThat(c.backend().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.backend().serverCrl()).isEqualTo(URI.create("https://crl.oqs.example.jp/server-ca.crl"));
        assertThat(c.backend().serverCrlSoftFail()).isFalse();
        assertThat(c.backend().credentials())
                .isEqualTo(new UketsukeConfig.Credentials.Pkcs12(
                        Path.of("/etc/uketsuke/terminal.p12"),
                        "CLINIC_P12_PASSWORD",
                        Path.of("/etc/uketsuke/server-ca.pem")));
        assertThat(c.sinks())
                .isEqualTo(new UketsukeConfig.Sinks(
                        Path.of("/srv/uketsuke"),
                        null,
                        Path.of("/mnt/rececon/face"),
                        Charset.forName("Shift_JIS"),
                        Path.of("/mnt/rececon/csv"),
                        "jdbc:postgresql://db.local:5432/rececon",
                        "kiosk",
                        Path.of("/etc/uketsuke/db-ca.pem"),
                        false,
                        DataProtection.DEFAULT));
        assertThat(c.kiosk())
                .isEqualTo(new UketsukeConfig.Kiosk(
                        Duration.ofSeconds(45),
                        true,
                        Set.of(IdentityCheck.PIN, IdentityCheck.VISUAL),
                        false,
                        UketsukeConfig.Speech.AUTO));
        assertThat(c.staff())
                .containsExactly(
                        new UketsukeConfig.StaffAccount("yamada", "山田 花子"),
                        new UketsukeConfig.StaffAccount("suzuki-01", "鈴木"));
    }

    @Test
    void theFilesTheInstallersWriteAreReadTheirKeysIncluded() throws Exception {
        // packaging/src/msi/uketsuke.conf is the MSI's template; the DEB installs the annotated template that
        // `uketsuke setup --template` prints (ConfigTemplateTest reads that one).
        String msi = Files.readString(Path.of("../packaging/src/msi/uketsuke.conf"));
        String postinst = Files.readString(Path.of("../packaging/src/deb/postinst"));
        assertThat(postinst).contains("cp /usr/share/doc/uketsuke/uketsuke.conf.example \"$CONF\"");
        assertThat(Files.readString(Path.of("../packaging/build-deb.sh")))
                .contains("setup --template > \"$DOC/uketsuke.conf.example\"");
        assertThat(problems(msi + MINIMAL)).isEmpty();
    }

    @Test
    void severalReadersAreListedWithCommasTheFirstNamedFirst() {
        UketsukeConfig c = ok(MINIMAL + "reader=Reader A 00 00, Reader B 01 00 ,\n");
        assertThat(c.reader().name()).contains("Reader A 00 00");
        assertThat(c.reader().more()).containsExactly("Reader B 01 00");
        assertThat(problems(MINIMAL + "reader=Reader A 00 00, auto\n"))
                .extracting(ConfigProblem::key, ConfigProblem::reason)
                .containsExactly(tuple("reader", Reason.CONFLICT));
    }

    @Test
    void theReaderGroupRetentionAndRequestLimitAreRead() {
        UketsukeConfig c = ok(MINIMAL + """
                sink.reader_group=rececon
                sink.max_request_kib=64
                retention.outbox_days=30
                retention.done_requests_days=0
                retention.answers_days=7
                retention.csv_days=365
                """);
        assertThat(c.sinks().protection())
                .isEqualTo(new DataProtection(
                        PrivateFiles.Access.group("rececon"), new Retention(30, 0, 7, 365), 64 * 1024));
        assertThat(ok(MINIMAL).sinks().protection()).isEqualTo(DataProtection.DEFAULT);
    }

    @Test
    void aByteOrderMarkAndCrLfLineEndsAreFine() {
        assertThat(ok("\uFEFF" + MINIMAL.replace("\n", "\r\n")).terminalId()).isEqualTo("counter-1");
    }

    @Test
    void bytesThatAreNotUtf8AreOneProblem() {
        ConfigResult result =
                ConfigParser.parse(MINIMAL.replace("counter-1", "受付").getBytes(Charset.forName("Shift_JIS")));
        assertThat(result).isEqualTo(new ConfigResult.Invalid(List.of(new ConfigProblem(0, "", Reason.NOT_UTF8, ""))));
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("kiosk_autostart=maybe", "kiosk_autostart", Reason.NOT_YES_NO),
                Arguments.of("terminal.id=counter 1", "terminal.id", Reason.BAD_ID),
                Arguments.of("terminal.id=" + "x".repeat(33), "terminal.id", Reason.BAD_ID),
                Arguments.of("institution.code=131123456", "institution.code", Reason.BAD_INSTITUTION_CODE),
                Arguments.of("institution.code=13112345６7", "institution.code", Reason.BAD_INSTITUTION_CODE),
                Arguments.of("language=fr", "language", Reason.BAD_CHOICE),
                Arguments.of("kiosk.speech=on", "kiosk.speech", Reason.BAD_CHOICE),
                Arguments.of("camera=front", "camera", Reason.NOT_A_NUMBER),
                Arguments.of("camera=64", "camera", Reason.OUT_OF_RANGE),
                Arguments.of("camera.width=100", "camera.width", Reason.OUT_OF_RANGE),
                Arguments.of("camera.height=9999", "camera.height", Reason.OUT_OF_RANGE),
                Arguments.of("camera.fps=0", "camera.fps", Reason.OUT_OF_RANGE),
                Arguments.of("camera.fps=-5", "camera.fps", Reason.NOT_A_NUMBER),
                Arguments.of("backend.url=http://oqs.example.jp/", "backend.url", Reason.BAD_URL),
                Arguments.of("backend.url=https:///nohost", "backend.url", Reason.BAD_URL),
                Arguments.of("backend.url=https://a b/", "backend.url", Reason.BAD_URL),
                Arguments.of("backend.url=https://oqs.example.jp/?x=1", "backend.url", Reason.BAD_URL),
                Arguments.of("backend.timeout_seconds=0", "backend.timeout_seconds", Reason.OUT_OF_RANGE),
                Arguments.of("backend.timeout_seconds=9999999999", "backend.timeout_seconds", Reason.NOT_A_NUMBER),
                Arguments.of("tls.certificate=terminal.crt", "tls.certificate", Reason.NOT_ABSOLUTE),
                Arguments.of("tls.key=", "tls.key", Reason.MISSING),
                Arguments.of("tls.trusted_cas=ca.pem", "tls.trusted_cas", Reason.NOT_ABSOLUTE),
                Arguments.of("tls.pkcs12_password_env=P", "tls.pkcs12_password_env", Reason.CONFLICT),
                Arguments.of("data_dir=/var/lib/\u0000x", "data_dir", Reason.BAD_PATH),
                Arguments.of("data_dir=var/lib/uketsuke", "data_dir", Reason.NOT_ABSOLUTE),
                Arguments.of("sink.sqlite=rececon.db", "sink.sqlite", Reason.NOT_ABSOLUTE),
                Arguments.of("sink.face_folder=", "sink.face_folder", Reason.MISSING),
                Arguments.of("sink.face_charset=EUC-JP", "sink.face_charset", Reason.BAD_CHOICE),
                Arguments.of("sink.csv=./csv", "sink.csv", Reason.NOT_ABSOLUTE),
                Arguments.of("sink.postgres.url=postgresql://db/rececon", "sink.postgres.url", Reason.BAD_CHOICE),
                Arguments.of("sink.postgres.user=", "sink.postgres.user", Reason.MISSING),
                Arguments.of("sink.reader_group=../wheel", "sink.reader_group", Reason.BAD_CHOICE),
                Arguments.of("sink.max_request_kib=0", "sink.max_request_kib", Reason.OUT_OF_RANGE),
                Arguments.of("retention.outbox_days=-1", "retention.outbox_days", Reason.NOT_A_NUMBER),
                Arguments.of("sink.postgres.url=jdbc:postgresql://db/r", "sink.postgres.ca_file", Reason.MISSING),
                Arguments.of(
                        "sink.postgres.url=jdbc:postgresql://db/r?sslmode=disable",
                        "sink.postgres.url",
                        Reason.BAD_CHOICE),
                Arguments.of("tls.server_crl=ftp://crl/x.crl", "tls.server_crl", Reason.NOT_ABSOLUTE),
                Arguments.of("tls.server_crl=https:///x.crl", "tls.server_crl", Reason.BAD_URL),
                Arguments.of("tls.server_crl_soft_fail=maybe", "tls.server_crl_soft_fail", Reason.NOT_YES_NO),
                Arguments.of("sink.postgres.allow_plain=maybe", "sink.postgres.allow_plain", Reason.NOT_YES_NO),
                Arguments.of("kiosk.idle_timeout_seconds=5", "kiosk.idle_timeout_seconds", Reason.OUT_OF_RANGE),
                Arguments.of("kiosk.e_prescription=true", "kiosk.e_prescription", Reason.NOT_YES_NO),
                Arguments.of("kiosk.identity_checks=pin,iris", "kiosk.identity_checks", Reason.BAD_CHOICE),
                Arguments.of("kiosk.identity_checks=", "kiosk.identity_checks", Reason.BAD_CHOICE),
                Arguments.of("kiosk.identity_checks=pin,pin", "kiosk.identity_checks", Reason.BAD_CHOICE),
                Arguments.of("camera=none", "kiosk.identity_checks", Reason.CONFLICT),
                Arguments.of("staff.山田=山田", "staff.山田", Reason.BAD_ID),
                Arguments.of("staff.yamada=", "staff.yamada", Reason.MISSING),
                Arguments.of("backend.ur=https://x/", "backend.ur", Reason.UNKNOWN_KEY),
                Arguments.of("just some words", "just some words", Reason.NOT_KEY_VALUE),
                Arguments.of("=value", "", Reason.NOT_KEY_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsOneProblemNamingItsKeyAndLine(String line, String key, Reason reason) {
        // The bad line replaces the key it sets (or comes first), after a comment, so it is line 2.
        String keyOfLine = line.contains("=") ? line.substring(0, line.indexOf('=')) : "";
        String rest = MINIMAL.lines()
                .filter(l -> !l.startsWith(keyOfLine + "=") || keyOfLine.isEmpty())
                .reduce("", (a, b) -> a + b + "\n");
        List<ConfigProblem> problems = problems("# comment\n" + line + "\n" + rest);
        assertThat(problems).hasSize(1);
        ConfigProblem problem = problems.getFirst();
        assertThat(problem.key()).isEqualTo(key);
        assertThat(problem.reason()).isEqualTo(reason);
        int expectedLine =
                key.equals(keyOfLine) || key.isEmpty() || reason == Reason.NOT_KEY_VALUE ? 2 : lineOf(rest, key) + 2;
        assertThat(problem.line()).isEqualTo(expectedLine);
        String ja = expectedLine == 0 ? key + ": " : expectedLine + "行目 ";
        String en = expectedLine == 0 ? key + ": " : "line " + expectedLine + ", ";
        assertThat(ReasonTexts.configProblem(problem, JA)).startsWith(ja).contains(key);
        assertThat(ReasonTexts.configProblem(problem, EN)).startsWith(en).contains(key);
    }

    @Test
    void plainTcpToTheSharedStoreIsAllowedOnlyForThisMachine() {
        String local = "sink.postgres.url=jdbc:postgresql://127.0.0.1:5432/rececon\nsink.postgres.allow_plain=yes\n";
        assertThat(ok(MINIMAL + local).sinks().postgresAllowPlain()).isTrue();
        String remote = "sink.postgres.url=jdbc:postgresql://db.local:5432/rececon\nsink.postgres.allow_plain=yes\n";
        assertThat(problems(MINIMAL + remote)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("sink.postgres.allow_plain");
            assertThat(p.reason()).isEqualTo(Reason.CONFLICT);
        });
        String both = remote.replace("db.local", "localhost") + "sink.postgres.ca_file=/etc/uketsuke/db-ca.pem\n";
        assertThat(problems(MINIMAL + both))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo(Reason.CONFLICT));
    }

    /** The 1-based line of {@code key} in {@code text}, or -2 when it is not there (the problem is then line 0). */
    private static int lineOf(String text, String key) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + "=")) {
                return i + 1;
            }
        }
        return -2;
    }

    @Test
    void aMissingRequiredKeyIsNamedWithoutALine() {
        List<ConfigProblem> problems = problems(MINIMAL.replace("backend.url=https://oqs.example.jp/api\n", ""));
        assertThat(problems).containsExactly(new ConfigProblem(0, "backend.url", Reason.MISSING, ""));
        assertThat(ReasonTexts.configProblem(problems.getFirst(), JA)).isEqualTo("backend.url: 必須です");
        assertThat(ReasonTexts.configProblem(problems.getFirst(), EN)).isEqualTo("backend.url: required");
    }

    @Test
    void aPkcs12FileWithoutTrustedCasIsNamed() {
        String pkcs12 = MINIMAL.replaceAll("tls\\..*\n", "") + "tls.pkcs12=/etc/uketsuke/t.p12\n";
        assertThat(problems(pkcs12)).containsExactly(new ConfigProblem(0, "tls.trusted_cas", Reason.MISSING, ""));
        assertThat(ok(pkcs12 + "tls.trusted_cas=/etc/ca.pem").backend().credentials())
                .isEqualTo(new UketsukeConfig.Credentials.Pkcs12(
                        Path.of("/etc/uketsuke/t.p12"), "UKETSUKE_TLS_PASSWORD", Path.of("/etc/ca.pem")));
        assertThat(problems(pkcs12 + "tls.trusted_cas=/etc/ca.pem\ntls.pkcs12_password_env=lower"))
                .containsExactly(new ConfigProblem(7, "tls.pkcs12_password_env", Reason.BAD_VARIABLE, ""));
    }

    @Test
    void aPkcs12FileBesidePemFilesNamesBothPemKeys() {
        assertThat(problems(MINIMAL + "tls.pkcs12=/etc/uketsuke/t.p12\n"))
                .containsExactlyInAnyOrder(
                        new ConfigProblem(4, "tls.certificate", Reason.CONFLICT, "tls.pkcs12"),
                        new ConfigProblem(5, "tls.key", Reason.CONFLICT, "tls.pkcs12"));
    }

    @Test
    void aKeySetTwiceNamesTheFirstLine() {
        List<ConfigProblem> problems = problems(MINIMAL + "terminal.id=counter-9\n");
        assertThat(problems).containsExactly(new ConfigProblem(8, "terminal.id", Reason.DUPLICATE_KEY, "1"));
        assertThat(ReasonTexts.configProblem(problems.getFirst(), JA)).isEqualTo("8行目 terminal.id: 1行目と同じキーです");
        assertThat(ReasonTexts.configProblem(problems.getFirst(), EN))
                .isEqualTo("line 8, terminal.id: the same key as line 1");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        List<ConfigProblem> problems = problems("language=de\ncamera.fps=x\nkiosk.e_prescription=1\n");
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .contains("language", "camera.fps", "kiosk.e_prescription", "terminal.id", "backend.url", "data_dir");
    }

    @Test
    void everyReasonHasAJapaneseAndAnEnglishMessage() {
        for (Reason reason : Reason.values()) {
            ConfigProblem problem = new ConfigProblem(3, "k", reason, "d");
            assertThat(ReasonTexts.configProblem(problem, JA))
                    .startsWith("3行目 k: ")
                    .hasSizeGreaterThan(7);
            assertThat(ReasonTexts.configProblem(problem, EN))
                    .startsWith("line 3, k: ")
                    .hasSizeGreaterThan(11);
            assertThat(ReasonTexts.configProblem(problem, JA)).isNotEqualTo(ReasonTexts.configProblem(problem, EN));
        }
    }

    @Test
    void theWriterWritesWhatTheParserReadsBack() {
        for (String text : List.of(
                MINIMAL,
                MINIMAL.replace("tls.key=/etc/uketsuke/terminal.key\n", "")
                                .replace("tls.certificate=/etc/uketsuke/terminal.crt\n", "tls.pkcs12=/p.p12\n")
                        + "camera=none\nkiosk.identity_checks=visual,pin\nsink.csv=/csv\nsink.sqlite=off\nstaff.a=A さん\n")) {
            UketsukeConfig c = ok(text);
            assertThat(ok(ConfigWriter.text(ConfigWriter.fields(c)))).isEqualTo(c);
        }
    }

    @Test
    void savingReplacesTheFileAtomicallyAndKeepsItsPermissions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("uketsuke.conf");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String text = ConfigWriter.text(ConfigWriter.fields(ok(MINIMAL)));
        ConfigWriter.save(file, text);
        assertThat(Files.readString(file)).isEqualTo(text);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    static UketsukeConfig ok(String text) {
        ConfigResult result = ConfigParser.parse(text);
        assertThat(result).isInstanceOf(ConfigResult.Ok.class);
        return ((ConfigResult.Ok) result).config();
    }

    static List<ConfigProblem> problems(String text) {
        return switch (ConfigParser.parse(text.getBytes(StandardCharsets.UTF_8))) {
            case ConfigResult.Ok ok -> List.of();
            case ConfigResult.Invalid invalid -> invalid.problems();
        };
    }
}
