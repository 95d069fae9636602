package org.uketsuke.app.reception;

import java.time.Instant;
import java.util.Optional;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.QualificationSummary;

/** One row of the staff console's reception history: a confirmation, or the reason there was none. */
public record ReceptionRecord(Instant at, Optional<QualificationSummary> qualification, Optional<Problem> problem) {

    public static ReceptionRecord confirmed(Instant at, QualificationSummary summary) {
        return new ReceptionRecord(at, Optional.of(summary), Optional.empty());
    }

    public static ReceptionRecord failed(Instant at, Problem problem) {
        return new ReceptionRecord(at, Optional.empty(), Optional.of(problem));
    }
}
