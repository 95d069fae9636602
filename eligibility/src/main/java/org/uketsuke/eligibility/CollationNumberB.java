package org.uketsuke.eligibility;

import java.time.LocalDate;

/**
 * 照合番号B, the 14 digits that open the card-face AP's photo (docs/spec-notes/card.md#collation-number-b): birth date as
 * era YYMMDD, the card's expiry year (western, 4 digits), and the 4-digit security code printed on the card front. For
 * foreign residents the printed birth date is western ({@code westernBirthDate}). Never logged: {@link #toString()}
 * masks it.
 */
public record CollationNumberB(String value) {

    public CollationNumberB {
        if (value == null || !value.matches("\\d{14}")) {
            throw new InvalidValueException("CollationNumberB", "must be 14 digits");
        }
    }

    public static CollationNumberB of(
            LocalDate birthDate, int expiryYear, String securityCode, boolean westernBirthDate) {
        if (securityCode == null || !Text.normalise(securityCode).matches("\\d{4}")) {
            throw new InvalidValueException("SecurityCode", "must be 4 digits");
        }
        if (expiryYear < 2015 || expiryYear > 2100) {
            throw new InvalidValueException("CardExpiryYear", "out of range: " + expiryYear);
        }
        String birth = westernBirthDate
                ? String.format(
                        "%02d%02d%02d", birthDate.getYear() % 100, birthDate.getMonthValue(), birthDate.getDayOfMonth())
                : WarekiDate.of(birthDate).yymmdd();
        return new CollationNumberB(birth + expiryYear + Text.normalise(securityCode));
    }

    @Override
    public String toString() {
        return "CollationNumberB[**************]";
    }
}
