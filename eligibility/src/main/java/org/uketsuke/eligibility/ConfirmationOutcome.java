package org.uketsuke.eligibility;

import java.util.Objects;

/** What a confirmation request ended in. Sealed: callers handle every case. */
public sealed interface ConfirmationOutcome
        permits ConfirmationOutcome.Confirmed, ConfirmationOutcome.Rejected, Unavailable {

    /**
     * A valid qualification.
     *
     * @param processingTime {@code ProcessExecutionTime} (YYYYMMDDhhmmss) of the answer
     * @param notice a {@code ProcessingResultMessage} that came with a normal result (e.g. certificate expiring), or null
     */
    record Confirmed(Qualification qualification, String processingTime, String notice) implements ConfirmationOutcome {
        public Confirmed {
            Objects.requireNonNull(qualification, "qualification");
            Objects.requireNonNull(processingTime, "processingTime");
        }
    }

    /** The system answered, but not with a valid qualification; {@code code}/{@code message} as it sent them. */
    record Rejected(RejectionReason reason, String code, String message) implements ConfirmationOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
