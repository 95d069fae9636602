package org.uketsuke.eligibility;

import java.util.Objects;

/**
 * What a registration ended in: 保険証利用登録 of a card, or the registration of one 照会番号. Sealed: callers handle
 * every case.
 */
public sealed interface RegistrationOutcome
        permits RegistrationOutcome.Registered, RegistrationOutcome.Rejected, Unavailable {

    /**
     * Registered (now, or already before: {@code alreadyRegistered}, which is no error at the counter).
     *
     * @param processingTime {@code ProcessExecutionTime} (YYYYMMDDhhmmss) of the answer
     */
    record Registered(String processingTime, boolean alreadyRegistered) implements RegistrationOutcome {
        public Registered {
            Objects.requireNonNull(processingTime, "processingTime");
        }
    }

    /** The system answered and refused; {@code code}/{@code message} as it sent them. */
    record Rejected(RejectionReason reason, String code, String message) implements RegistrationOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
