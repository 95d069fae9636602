package org.uketsuke.eligibility;

import java.util.Objects;

/**
 * The qualification system gave no usable answer: the one "unavailable" case of every outcome of
 * {@link EligibilityClient} (and, wrapped, of a medical-information outcome). The visit can be retried or queued.
 *
 * @param reason the closed reason the receptionist is told about ({@link UnavailableReason#message})
 * @param diagnostic what happened, for the log only (request path, HTTP status, exception); never shown to a patient
 */
public record Unavailable(UnavailableReason reason, String diagnostic)
        implements ConfirmationOutcome,
                RegistrationOutcome,
                NonceOutcome,
                BatchSubmission,
                BatchStatus,
                PasscodeOutcome {

    public Unavailable {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(diagnostic, "diagnostic");
    }
}
