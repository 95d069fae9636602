package org.uketsuke.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks through log text for what must never be logged: the PINs the tests use, 照合番号B, full certificates (PEM,
 * base64 or hex DER), My Number-like values (the simulator's fake number, or any 12 digits whose check digit is
 * right) and the personal values of the generated populations ({@link PopulationValues}: names, insurance cards,
 * birth dates). Values may appear as text or as the hex of their ASCII bytes, as in an APDU transcript. A finding names
 * the file, the line and the kind — never the value.
 */
final class LogScanner {

    /** What was found. */
    enum Kind {
        PIN,
        COLLATION_NUMBER_B,
        CERTIFICATE,
        MY_NUMBER,
        NAME,
        INSURANCE_CARD,
        BIRTH_DATE
    }

    record Finding(Path file, int line, Kind kind) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + kind;
        }
    }

    /** The auth PIN of the test cards and the demo (TestCards.PIN, MockBackend's DEMO_PIN). */
    private static final List<String> PINS = List.of("1234");
    /** 照合番号B of the tests (CardFaceApTest, DomainTypesTest, VisitFlowTest); the demo's is caught by its shape. */
    private static final List<String> COLLATION_NUMBERS = List.of("55021720352285", "80021720352285", "55021720350000");
    /** The simulator's fake My Number (券面事項入力補助AP) and its 照合番号A. */
    private static final List<String> MY_NUMBERS = List.of("000000000000");

    private static final Pattern PIN_TOKEN =
            Pattern.compile("(?<![0-9A-Za-z])(" + String.join("|", PINS) + ")(?![0-9A-Za-z])");
    /** Era YYMMDD + expiry year 20xx + 4-digit security code; timestamps (20YYMM…) never have a month of 20–99. */
    private static final Pattern COLLATION_SHAPE = Pattern.compile(
            "(?<![0-9A-Za-z])\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])20[2-6]\\d\\d{4}(?![0-9A-Za-z])");

    private static final Pattern CERTIFICATE =
            Pattern.compile("-----BEGIN|MII[A-Za-z0-9+/]{64,}|(?i:3082[0-9a-f]{4}3082[0-9a-f]{200})");
    /** Standalone: digits inside a hex id or a file name's hash are not a number (a finding of the first run). */
    private static final Pattern TWELVE_DIGITS = Pattern.compile("(?<![0-9A-Za-z])\\d{12}(?![0-9A-Za-z])");

    private LogScanner() {}

    static List<Finding> scan(Path file) throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            for (Kind kind : kinds(lines.get(i))) {
                findings.add(new Finding(file, i + 1, kind));
            }
        }
        return findings;
    }

    /** Logs may hold any bytes (a stack trace of a fuzzed input): decode leniently, never fail on them. */
    private static List<String> readLines(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    static List<Kind> kinds(String line) {
        List<Kind> kinds = new ArrayList<>();
        String upper = line.toUpperCase(Locale.ROOT);
        if (PIN_TOKEN.matcher(line).find() || PINS.stream().anyMatch(p -> upper.contains(asciiHex(p)))) {
            kinds.add(Kind.PIN);
        }
        if (COLLATION_SHAPE.matcher(line).find()
                || COLLATION_NUMBERS.stream().anyMatch(c -> upper.contains(asciiHex(c)))) {
            kinds.add(Kind.COLLATION_NUMBER_B);
        }
        if (CERTIFICATE.matcher(line).find()) {
            kinds.add(Kind.CERTIFICATE);
        }
        if (MY_NUMBERS.stream().anyMatch(n -> upper.contains(asciiHex(n))) || hasMyNumber(line)) {
            kinds.add(Kind.MY_NUMBER);
        }
        String normalised = PopulationValues.normalise(line);
        PopulationValues people = PopulationValues.IN_USE;
        if (people.hasName(normalised)) {
            kinds.add(Kind.NAME);
        }
        if (people.hasInsuranceCard(normalised)) {
            kinds.add(Kind.INSURANCE_CARD);
        }
        if (people.hasBirthDate(normalised)) {
            kinds.add(Kind.BIRTH_DATE);
        }
        return kinds;
    }

    private static boolean hasMyNumber(String line) {
        Matcher m = TWELVE_DIGITS.matcher(line);
        while (m.find()) {
            String digits = m.group();
            if (MY_NUMBERS.contains(digits) || myNumberCheckDigitValid(digits)) {
                return true;
            }
        }
        return false;
    }

    /** 個人番号の検査用数字 (総務省令第八十五号 第五条): weights 2–7 from the right, 11 − (Σ mod 11), 0 for 0 or 1. */
    static boolean myNumberCheckDigitValid(String twelve) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = twelve.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int remainder = sum % 11;
        int check = remainder <= 1 ? 0 : 11 - remainder;
        return check == twelve.charAt(11) - '0';
    }

    private static String asciiHex(String value) {
        return HexFormat.of().withUpperCase().formatHex(value.getBytes(StandardCharsets.US_ASCII));
    }
}
