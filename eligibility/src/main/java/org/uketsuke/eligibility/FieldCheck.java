package org.uketsuke.eligibility;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Live validation of what a receptionist types: each problem names the field, the reason and the detail (the expected
 * length, the right check digit, the character), from which an application words its explanation ("検証番号は5の
 * はずです"). Input is NFKC-normalised first, as the value types do.
 */
public final class FieldCheck {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** The fields the staff console validates. */
    public enum Field {
        INSURER_NUMBER,
        SYMBOL,
        NUMBER,
        BRANCH,
        PUBLIC_EXPENSE_PAYER,
        PUBLIC_EXPENSE_RECIPIENT
    }

    /** Why a value is wrong. */
    public enum Reason {
        EMPTY,
        WRONG_LENGTH,
        NOT_DIGITS,
        CHECK_DIGIT,
        TOO_LONG,
        FORBIDDEN_CHARACTER
    }

    /** One thing wrong with a value; {@code detail} is the expected length, the right check digit, or the character. */
    public record Problem(Field field, Reason reason, String detail) {}

    /** 記号・番号 as the receipt rules allow: at most 19 characters, all representable in Shift_JIS (MS932). */
    private static final int MAX_SYMBOL_CHARACTERS = 19;

    private static final Charset MS932 = Charset.forName("windows-31j");

    private FieldCheck() {}

    public static List<Problem> check(Field field, String input) {
        String value = input == null ? "" : Text.normalise(input);
        List<Problem> problems = new ArrayList<>();
        switch (field) {
            case INSURER_NUMBER -> digitsWithCheck(field, value.replace(" ", ""), problems, 8, 6);
            case PUBLIC_EXPENSE_PAYER -> digitsWithCheck(field, value, problems, 8);
            case PUBLIC_EXPENSE_RECIPIENT -> digitsWithCheck(field, value, problems, 7);
            case BRANCH -> {
                if (!value.isEmpty() && !DIGITS.matcher(value).matches()) {
                    problems.add(new Problem(field, Reason.NOT_DIGITS, ""));
                } else if (!value.isEmpty() && value.length() != 2) {
                    problems.add(new Problem(field, Reason.WRONG_LENGTH, "2"));
                }
            }
            case SYMBOL, NUMBER -> {
                if (value.isEmpty() && field == Field.NUMBER) {
                    problems.add(new Problem(field, Reason.EMPTY, ""));
                }
                if (value.codePointCount(0, value.length()) > MAX_SYMBOL_CHARACTERS) {
                    problems.add(new Problem(field, Reason.TOO_LONG, Integer.toString(MAX_SYMBOL_CHARACTERS)));
                }
                CharsetEncoder encoder = MS932.newEncoder();
                value.codePoints()
                        .filter(cp -> Character.isISOControl(cp) || !encoder.canEncode(Character.toString(cp)))
                        .findFirst()
                        .ifPresent(cp ->
                                problems.add(new Problem(field, Reason.FORBIDDEN_CHARACTER, Character.toString(cp))));
            }
        }
        return problems;
    }

    private static void digitsWithCheck(Field field, String value, List<Problem> problems, int... lengths) {
        if (value.isEmpty()) {
            problems.add(new Problem(field, Reason.EMPTY, ""));
            return;
        }
        if (!DIGITS.matcher(value).matches()) {
            problems.add(new Problem(field, Reason.NOT_DIGITS, ""));
            return;
        }
        boolean lengthOk = false;
        for (int length : lengths) {
            lengthOk |= value.length() == length;
        }
        if (!lengthOk) {
            problems.add(new Problem(field, Reason.WRONG_LENGTH, Integer.toString(lengths[0])));
            return;
        }
        int expected = CheckDigit.of(value.substring(0, value.length() - 1));
        if (expected != value.charAt(value.length() - 1) - '0') {
            problems.add(new Problem(field, Reason.CHECK_DIGIT, Integer.toString(expected)));
        }
    }
}
