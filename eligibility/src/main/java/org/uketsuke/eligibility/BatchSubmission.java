package org.uketsuke.eligibility;

import java.util.Objects;

/** What uploading a batch pre-check (一括照会) ended in. Sealed: callers handle every case. */
public sealed interface BatchSubmission permits BatchSubmission.Accepted, Unavailable {

    /** The system took the batch; {@code receptionNumber} is what {@link EligibilityClient#batchStatus} polls with. */
    record Accepted(String receptionNumber) implements BatchSubmission {
        public Accepted {
            Objects.requireNonNull(receptionNumber, "receptionNumber");
        }
    }
}
