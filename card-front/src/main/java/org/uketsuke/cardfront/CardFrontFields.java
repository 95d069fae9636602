package org.uketsuke.cardfront;

import java.time.LocalDate;
import java.util.Objects;
import org.uketsuke.eligibility.CollationNumberB;

/**
 * What the card front prints that 照合番号B is made of (docs/spec-notes/card.md#collation-number-b): the birth date (和暦 for
 * Japanese nationals, 西暦 for foreign residents — {@code westernBirthDate} says which was printed), the card's expiry
 * year and the 4-digit セキュリティコード. Never logged: {@link #toString()} masks it.
 */
public record CardFrontFields(LocalDate birthDate, boolean westernBirthDate, int expiryYear, String securityCode) {

    public CardFrontFields {
        Objects.requireNonNull(birthDate, "birthDate");
        if (securityCode == null || !securityCode.matches("\\d{4}")) {
            throw new IllegalArgumentException("the security code is 4 digits");
        }
    }

    /** The 14 digits that open the card-face AP. */
    public CollationNumberB collationNumberB() {
        return CollationNumberB.of(birthDate, expiryYear, securityCode, westernBirthDate);
    }

    @Override
    public String toString() {
        return "CardFrontFields[****]";
    }
}
