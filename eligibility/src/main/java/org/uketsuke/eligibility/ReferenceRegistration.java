package org.uketsuke.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/** One 照会番号 registration: the patient's insurance and birth date, and the institution's number for them. */
public record ReferenceRegistration(InsuranceCardId card, LocalDate birthdate, ReferenceNumber referenceNumber) {

    public ReferenceRegistration {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(birthdate, "birthdate");
        Objects.requireNonNull(referenceNumber, "referenceNumber");
    }
}
