package org.uketsuke.eligibility;

import java.util.List;

/**
 * Where a batch pre-check stands: still being processed, done with one result per patient in request order, refused
 * by the system (it does not know the reception number), or not answered at all ({@link Unavailable}).
 */
public sealed interface BatchStatus permits BatchStatus.Processing, BatchStatus.Done, BatchStatus.Failed, Unavailable {

    record Processing(String receptionNumber, int done, int total) implements BatchStatus {}

    record Done(String receptionNumber, List<BatchResult> results) implements BatchStatus {
        public Done {
            results = List.copyOf(results);
        }
    }

    /** The system answered but refused the poll (e.g. an unknown reception number); polling again will not help. */
    record Failed(String receptionNumber, String reason) implements BatchStatus {}
}
