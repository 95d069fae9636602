package org.uketsuke.eligibility;

import java.util.regex.Pattern;

/**
 * 保険者番号: 8 digits (法別番号 2 + 都道府県 2 + 保険者 3 + 検証番号 1), or 6 digits for 国民健康保険 (都道府県 2 + 保険者 3 +
 * 検証番号 1). Results carry a 6-digit number right-aligned in 8 characters ({@code "  131045"}); {@link #value()} is
 * the bare digits, {@link #wire()} the 8-character form.
 */
public record InsurerNumber(String value) {

    /** 8 or 6 digits, compiled once (String.matches compiled it on every number read). */
    private static final Pattern DIGITS = Pattern.compile("\\d{8}|\\d{6}");

    public InsurerNumber {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new InvalidValueException("InsurerNumber", "must be 8 digits (or 6 for 国保)");
        }
        if (!CheckDigit.valid(value)) {
            throw new InvalidValueException("InsurerNumber", "check digit does not match");
        }
    }

    /** Accepts what a receptionist types or a file carries: full-width digits and padding spaces are normalised. */
    public static InsurerNumber of(String text) {
        if (text == null) {
            throw new InvalidValueException("InsurerNumber", "missing");
        }
        return new InsurerNumber(Text.normalise(text).replace(" ", ""));
    }

    public boolean nationalHealthInsurance() {
        return value.length() == 6;
    }

    /** 法別番号 (the first two digits), or empty for a 6-digit 国保 number. */
    public String lawCode() {
        return nationalHealthInsurance() ? "" : value.substring(0, 2);
    }

    /** The 8-character form of the messages: 6-digit numbers right-aligned with two spaces. */
    public String wire() {
        return nationalHealthInsurance() ? "  " + value : value;
    }
}
