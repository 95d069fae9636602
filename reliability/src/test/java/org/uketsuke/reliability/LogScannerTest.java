package org.uketsuke.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.mockbackend.MockBackend;
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
    void theGeneratedPopulationsPersonalValuesAreFoundInTheFormsTheyAppearIn() {
        // Person 0 of the demo's population (seed 42): 45 years old, so the birth date is looked for too.
        Qualification q = MockBackend.population(42L, 1).getFirst();
        String kanaFullWidth = Normalizer.normalize(q.nameKana(), Normalizer.Form.NFKC);
        String birth = q.birthdate().toString();
        String wareki =
                DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN).format(JapaneseDate.from(q.birthdate()));
        InsuranceCardId card = q.card();
        Map<String, Kind> planted = new LinkedHashMap<>();
        planted.put("INFO  o.u.app - confirmed " + q.name(), Kind.NAME);
        planted.put("INFO  o.u.app - confirmed " + q.name().replace("　", ""), Kind.NAME);
        planted.put("DEBUG o.u.wire - <NameKana>" + q.nameKana() + "</NameKana>", Kind.NAME);
        planted.put("DEBUG o.u.app - kana " + kanaFullWidth.replace(" ", "　"), Kind.NAME);
        planted.put(
                "DEBUG o.u.wire - <InsuredCardSymbol>" + card.symbol()
                        + "</InsuredCardSymbol><InsuredIdentificationNumber>" + card.number()
                        + "</InsuredIdentificationNumber>",
                Kind.INSURANCE_CARD);
        planted.put(
                "WARN  o.u.csv - row " + card.insurer().value() + "," + card.symbol() + "," + card.number() + ",00",
                Kind.INSURANCE_CARD);
        planted.put("DEBUG o.u.app - 記号 " + card.symbol() + " 番号 " + card.number(), Kind.INSURANCE_CARD);
        planted.put("DEBUG o.u.app - born " + birth, Kind.BIRTH_DATE);
        planted.put("DEBUG o.u.wire - <Birthdate>" + birth.replace("-", "") + "</Birthdate>", Kind.BIRTH_DATE);
        planted.put("DEBUG o.u.app - 生年月日 " + wareki, Kind.BIRTH_DATE);
        planted.put("DEBUG o.u.app - born " + birth.replace('-', '/'), Kind.BIRTH_DATE);
        planted.forEach(
                (line, kind) -> assertThat(LogScanner.kinds(line)).as(line).contains(kind));
        // The same 番号 without its card's 記号 or 保険者番号 is just a number.
        assertThat(LogScanner.kinds("INFO  o.u.bridge - delivery " + card.number() + " delivered"))
                .doesNotContain(Kind.INSURANCE_CARD);
    }

    @Test
    void ordinaryLogLinesPass() {
        for (String line : List.of(
                "07:12:34.123 WARN  [main] o.u.bridge - delivery 41234 failed after 12345 ms (SW 6982)",
                "09:00:00.000 INFO  [main] o.u.app - backend processed 20261124101500 for 1311234567",
                "09:00:00.000 DEBUG [main] o.u.reader - > 00A4040C0AD392F000260100000001 < 9000",
                "09:00:00.000 WARN  [main] o.u.eligibility - request 5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f timed out",
                "09:00:00.000 INFO  [main] o.u.app - audit head 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                "08:30:12.226 WARN  [main] o.u.bridge - cannot write OQSsiquc01res_face_131123456758bd1c6a6bc0857c4ccf_20261124100024.xml",
                "09:00:00.000 INFO  [main] o.u.app - staff 受付 signed in; processed 2026-12-03, qualified since 2019-04-01")) {
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
