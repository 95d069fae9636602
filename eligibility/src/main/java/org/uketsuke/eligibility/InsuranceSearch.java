package org.uketsuke.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A confirmation by insurance number ({@code QualificationConfirmSearchInfo}), for a 資格確認書 or when the card
 * fails: the insurance, the birth date, whether the clinic asked the patient about 限度額 information, and the
 * clinic's own identifier that the answer echoes.
 */
public record InsuranceSearch(
        InsuranceCardId card, LocalDate birthdate, boolean limitConsent, String arbitraryIdentifier) {

    public InsuranceSearch {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(birthdate, "birthdate");
        arbitraryIdentifier = arbitraryIdentifier == null ? "" : arbitraryIdentifier;
    }
}
