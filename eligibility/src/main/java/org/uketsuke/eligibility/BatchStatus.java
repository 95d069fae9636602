package org.uketsuke.eligibility;

import java.util.List;

/** Where a batch pre-check stands: still being processed, or done with one result per patient, in request order. */
public sealed interface BatchStatus {

    record Processing(String receptionNumber, int done, int total) implements BatchStatus {}

    record Done(String receptionNumber, List<BatchResult> results) implements BatchStatus {
        public Done {
            results = List.copyOf(results);
        }
    }

    /** The backend could not be asked, or does not know the reception number. */
    record Failed(String receptionNumber, String reason) implements BatchStatus {}
}
