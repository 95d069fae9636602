package org.uketsuke.cardfront;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseEra;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uketsuke.eligibility.WarekiDate;

/**
 * Finds the 照合番号B fields in the OCR text of a card front: "昭和55年2月17日生" (or "1980年2月17日生" on a foreign
 * resident's card), "2035年2月17日まで有効" and "セキュリティコード 2285". Tolerates the OCR's usual slips (spaces inside
 * words, full-width digits, O/0 and l/1 in digit runs); anything it cannot pin down is an empty result, never a guess.
 */
public final class CardFrontText {

    private static final String ERAS = "明治|大正|昭和|平成|令和";
    private static final Pattern WAREKI_BIRTH = Pattern.compile("(" + ERAS + ")(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日生");
    private static final Pattern WESTERN_BIRTH = Pattern.compile("((?:19|20)\\d{2})年(\\d{1,2})月(\\d{1,2})日生");
    private static final Pattern EXPIRY =
            Pattern.compile("(?:((?:20|21)\\d{2})|(" + ERAS + ")(元|\\d{1,2}))年(\\d{1,2})月(\\d{1,2})日まで有効");
    private static final Pattern SECURITY_CODE = Pattern.compile("コード(\\d{4})(?!\\d)");

    private CardFrontText() {}

    /** The fields, or empty when one of them is missing or impossible (e.g. 昭和65年, 2月30日). */
    public static Optional<CardFrontFields> parse(String ocrText) {
        String text = clean(ocrText);
        Matcher code = SECURITY_CODE.matcher(text);
        return code.find() ? parse(text, text, code.group(1)) : Optional.empty();
    }

    /**
     * The fields from the three places of the card read apart: the birth-date line, the expiry box and the security
     * code box (digits only).
     */
    public static Optional<CardFrontFields> parse(String birthLine, String expiryLine, String securityCode) {
        Optional<Birth> birth = birth(clean(birthLine));
        Optional<Integer> expiry = expiryYear(clean(expiryLine));
        String code = clean(securityCode);
        if (birth.isEmpty() || expiry.isEmpty() || !code.matches("\\d{4}")) {
            return Optional.empty();
        }
        if (expiry.get() < 2015
                || expiry.get() > 2100
                || !birth.get().date().isBefore(LocalDate.of(expiry.get(), 12, 31))) {
            return Optional.empty();
        }
        return Optional.of(new CardFrontFields(birth.get().date(), birth.get().western(), expiry.get(), code));
    }

    private record Birth(LocalDate date, boolean western) {}

    private static Optional<Birth> birth(String text) {
        Matcher wareki = WAREKI_BIRTH.matcher(text);
        if (wareki.find()) {
            return wareki(wareki.group(1), wareki.group(2), wareki.group(3), wareki.group(4))
                    .map(d -> new Birth(d, false));
        }
        Matcher western = WESTERN_BIRTH.matcher(text);
        if (western.find()) {
            try {
                return Optional.of(new Birth(
                        LocalDate.of(
                                Integer.parseInt(western.group(1)),
                                Integer.parseInt(western.group(2)),
                                Integer.parseInt(western.group(3))),
                        true));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> expiryYear(String text) {
        Matcher m = EXPIRY.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        if (m.group(1) != null) {
            return Optional.of(Integer.parseInt(m.group(1)));
        }
        return wareki(m.group(2), m.group(3), m.group(4), m.group(5)).map(LocalDate::getYear);
    }

    private static Optional<LocalDate> wareki(String era, String year, String month, String day) {
        try {
            return Optional.of(new WarekiDate(
                            era(era),
                            year.equals("元") ? 1 : Integer.parseInt(year),
                            Integer.parseInt(month),
                            Integer.parseInt(day))
                    .toLocalDate());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JapaneseEra era(String name) {
        return switch (name) {
            case "明治" -> JapaneseEra.MEIJI;
            case "大正" -> JapaneseEra.TAISHO;
            case "昭和" -> JapaneseEra.SHOWA;
            case "平成" -> JapaneseEra.HEISEI;
            case "令和" -> JapaneseEra.REIWA;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Full-width to half-width, no whitespace, and O/o/l/I read inside digit runs turned back into digits. */
    static String clean(String raw) {
        String text = Normalizer.normalize(raw == null ? "" : raw, Normalizer.Form.NFKC)
                .replaceAll("\\s+", "");
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digitNeighbour = (i > 0 && Character.isDigit(text.charAt(i - 1)))
                    || (i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)));
            if (digitNeighbour && (c == 'O' || c == 'o')) {
                out.append('0');
            } else if (digitNeighbour && (c == 'l' || c == 'I' || c == '|')) {
                out.append('1');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
