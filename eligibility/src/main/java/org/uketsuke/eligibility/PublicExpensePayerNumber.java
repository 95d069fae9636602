package org.uketsuke.eligibility;

import java.util.regex.Pattern;

/**
 * 公費負担者番号: 8 digits = 法別番号 2 + 都道府県 2 + 実施機関 3 + 検証番号 1 (same check-digit rule as 保険者番号).
 * Some local (地方単独) programmes issue numbers that break the rule: {@link #unchecked} admits them on purpose.
 *
 * @param checked false when created through {@link #unchecked} (documented override)
 */
public record PublicExpensePayerNumber(String value, boolean checked) {

    private static final Pattern EIGHT_DIGITS = Pattern.compile("\\d{8}");

    public PublicExpensePayerNumber {
        if (value == null || !EIGHT_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException("PublicExpensePayerNumber", "must be 8 digits");
        }
        if (checked && !CheckDigit.valid(value)) {
            throw new InvalidValueException("PublicExpensePayerNumber", "check digit does not match");
        }
    }

    public static PublicExpensePayerNumber of(String text) {
        return new PublicExpensePayerNumber(Text.normalise(text == null ? "" : text), true);
    }

    /** A local programme's number that does not follow the check-digit rule (override chosen by staff). */
    public static PublicExpensePayerNumber unchecked(String text) {
        return new PublicExpensePayerNumber(Text.normalise(text == null ? "" : text), false);
    }

    public LawCode lawCode() {
        return new LawCode(value.substring(0, 2));
    }

    public Prefecture prefecture() {
        return Prefecture.ofCode(value.substring(2, 4));
    }
}
