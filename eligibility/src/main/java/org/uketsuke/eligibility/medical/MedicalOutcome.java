package org.uketsuke.eligibility.medical;

import java.time.Instant;
import java.util.Objects;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Nullable;
import org.uketsuke.eligibility.Unavailable;

/**
 * What a request for medical information ended in. Sealed: a viewer handles "no consent", "consent expired", "not
 * found" and "backend down" as plainly as the data itself.
 *
 * @param <T> what was asked for: {@link MedicalRecords} or a {@link MedicalPdf}
 */
public sealed interface MedicalOutcome<T> {

    /**
     * The data, with the end of the consent window it was served under and the patient the answer names (null for a
     * PDF and for an answer without the patient header).
     */
    record Found<T>(
            T value,
            @Nullable Instant consentExpiresAt,
            @Nullable MedicalPatient patient) implements MedicalOutcome<T> {
        public Found {
            Objects.requireNonNull(value, "value");
        }

        public Found(T value, @Nullable Instant consentExpiresAt) {
            this(value, consentExpiresAt, null);
        }
    }

    /** The patient did not consent to this category ({@code answer}: no, or could not be obtained). */
    record NoConsent<T>(MedicalCategory category, Consent answer) implements MedicalOutcome<T> {}

    /** The patient consented, but the window has closed; a new confirmation at the reader opens a new one. */
    record ConsentExpired<T>(MedicalCategory category, Instant expiredAt) implements MedicalOutcome<T> {}

    /** No confirmation of this person at this institution (so nothing to view). */
    record NotFound<T>(String detail) implements MedicalOutcome<T> {}

    /**
     * No usable answer from the system: the shared {@link Unavailable} of every eligibility outcome. (Wrapped, because
     * one record cannot be a {@code MedicalOutcome<T>} for every {@code T}.)
     */
    record NotAnswered<T>(Unavailable unavailable) implements MedicalOutcome<T> {
        public NotAnswered {
            Objects.requireNonNull(unavailable, "unavailable");
        }
    }
}
