package org.uketsuke.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.reliability.LogScanner.Kind;

/** The scanner itself: every kind of secret is found, as text or APDU hex, with its line; ordinary log lines pass. */
class LogScannerTest {

    @TempDir
    Path dir;

    @Test
    void plantedSecretsAreFoundWithTheirLine() throws Exception {
        Path log = dir.resolve("planted.log");
        Files.writeString(
                log,
                String.join(
                        "\n",
                        "09:00:00.000 INFO  [main] o.u.app - visit started",
                        "09:00:01.000 DEBUG [main] o.u.reader - pin 1234 accepted",
                        "09:00:02.000 DEBUG [main] o.u.reader - > 0020008004 31323334",
                        "09:00:03.000 DEBUG [main] o.u.reader - collation 55021720352285",
                        "09:00:04.000 DEBUG [main] o.u.app - demo card B 80021720352285",
                        "09:00:05.000 DEBUG [main] o.u.reader - > 00200012 0E3535303231373230333532323835",
                        "09:00:06.000 DEBUG [main] o.u.app - cert MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UE",
                        "-----BEGIN CERTIFICATE-----",
                        "09:00:07.000 DEBUG [main] o.u.reader - < 308203473082022fa003020102020101300d06092a864886f70d01010b05003046310b3009060355040613024a50311230100603550"
                                + "40a0c094a504b492d54455354312330210603550b0c1a4a504b4920666f7220757365722061757468656e7469636174696f6e301e170d",
                        "09:00:08.000 DEBUG [main] o.u.reader - my number 000000000000",
                        "09:00:09.000 DEBUG [main] o.u.reader - < 303030303030303030303030 9000",
                        "09:00:10.000 DEBUG [main] o.u.app - number 123456789018",
                        ""),
                StandardCharsets.UTF_8);
        List<LogScanner.Finding> findings = LogScanner.scan(log);
        assertThat(findings)
                .extracting(LogScanner.Finding::line, LogScanner.Finding::kind)
                .containsExactly(
                        Tuple.tuple(2, Kind.PIN),
                        Tuple.tuple(3, Kind.PIN),
                        Tuple.tuple(4, Kind.COLLATION_NUMBER_B),
                        Tuple.tuple(5, Kind.COLLATION_NUMBER_B),
                        Tuple.tuple(6, Kind.COLLATION_NUMBER_B),
                        Tuple.tuple(7, Kind.CERTIFICATE),
                        Tuple.tuple(8, Kind.CERTIFICATE),
                        Tuple.tuple(9, Kind.CERTIFICATE),
                        Tuple.tuple(10, Kind.MY_NUMBER),
                        Tuple.tuple(11, Kind.MY_NUMBER),
                        Tuple.tuple(12, Kind.MY_NUMBER));
        assertThat(findings.getFirst().toString())
                .endsWith("planted.log:2: PIN")
                .doesNotContain("1234");
    }

    @Test
    void ordinaryLogLinesPass() {
        for (String line : List.of(
                "07:12:34.123 WARN  [main] o.u.bridge - delivery 41234 failed after 12345 ms (SW 6982)",
                "09:00:00.000 INFO  [main] o.u.app - backend processed 20261124101500 for 1311234567",
                "09:00:00.000 DEBUG [main] o.u.reader - > 00A4040C0AD392F000260100000001 < 9000",
                "09:00:00.000 WARN  [main] o.u.eligibility - request 5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f timed out",
                "09:00:00.000 INFO  [main] o.u.app - audit head 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                "08:30:12.226 WARN  [main] o.u.bridge - cannot write OQSsiquc01res_face_131123456758bd1c6a6bc0857c4ccf_20261124100024.xml")) {
            assertThat(LogScanner.kinds(line)).as(line).isEmpty();
        }
    }

    @Test
    void theMyNumberCheckDigitIsTheOfficialOne() {
        assertThat(LogScanner.myNumberCheckDigitValid("123456789018")).isTrue();
        assertThat(LogScanner.myNumberCheckDigitValid("123456789010")).isFalse();
        assertThat(LogScanner.myNumberCheckDigitValid("000000000000")).isTrue();
    }
}
