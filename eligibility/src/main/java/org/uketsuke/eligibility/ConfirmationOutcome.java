package org.uketsuke.eligibility;

import java.util.Objects;
import java.util.Optional;

/** What a confirmation request ended in. Sealed: callers handle every case. */
public sealed interface ConfirmationOutcome
        permits ConfirmationOutcome.Confirmed, ConfirmationOutcome.Rejected, Unavailable {

    /**
     * A valid qualification.
     *
     * @param processingTime {@code ProcessExecutionTime} (YYYYMMDDhhmmss) of the answer
     * @param notice a {@code ProcessingResultMessage} that came with a normal result (e.g. certificate expiring), or null
     * @param received the result message as the system sent it, handed to the レセコン unchanged; empty for a
     *     confirmation that did not come from the system as a message (tests, training)
     */
    record Confirmed(
            Qualification qualification,
            String processingTime,
            @Nullable String notice,
            Optional<ReceivedMessage> received)
            implements ConfirmationOutcome {
        public Confirmed {
            Objects.requireNonNull(qualification, "qualification");
            Objects.requireNonNull(processingTime, "processingTime");
            received = received == null ? Optional.empty() : received;
        }

        /** A confirmation without the message it came in. */
        public Confirmed(Qualification qualification, String processingTime, @Nullable String notice) {
            this(qualification, processingTime, notice, Optional.empty());
        }

        /** The same confirmation, holding the message it came in. */
        public Confirmed withReceived(ReceivedMessage message) {
            return new Confirmed(qualification, processingTime, notice, Optional.of(message));
        }
    }

    /** The system answered, but not with a valid qualification; {@code code}/{@code message} as it sent them. */
    record Rejected(RejectionReason reason, String code, String message) implements ConfirmationOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
