package org.uketsuke.eligibility;

import java.util.regex.Pattern;

/** 公費受給者番号: 7 digits = 6 + 検証番号 1, same rule; {@link #unchecked} for local programmes that break it. */
public record PublicExpenseRecipientNumber(String value, boolean checked) {

    private static final Pattern SEVEN_DIGITS = Pattern.compile("\\d{7}");

    public PublicExpenseRecipientNumber {
        if (value == null || !SEVEN_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException("PublicExpenseRecipientNumber", "must be 7 digits");
        }
        if (checked && !CheckDigit.valid(value)) {
            throw new InvalidValueException("PublicExpenseRecipientNumber", "check digit does not match");
        }
    }

    public static PublicExpenseRecipientNumber of(String text) {
        return new PublicExpenseRecipientNumber(Text.normalise(text == null ? "" : text), true);
    }

    public static PublicExpenseRecipientNumber unchecked(String text) {
        return new PublicExpenseRecipientNumber(Text.normalise(text == null ? "" : text), false);
    }
}
