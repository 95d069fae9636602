package org.uketsuke.app.reception;

import java.time.Instant;
import java.util.Optional;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.QualificationSummary;
import org.uketsuke.eligibility.Qualification;

/**
 * One row of the staff console's reception history: a confirmation, or the reason there was none.
 *
 * @param confirmed the whole confirmed qualification (for the consistency check; never shown to the patient)
 */
public record ReceptionRecord(Instant at, Optional<QualificationSummary> qualification, Optional<Problem> problem,
        Optional<Qualification> confirmed, Optional<org.uketsuke.eligibility.IdentityMethod> method) {

    public static ReceptionRecord confirmed(Instant at, QualificationSummary summary, Qualification confirmed) {
        return new ReceptionRecord(at, Optional.of(summary), Optional.empty(), Optional.of(confirmed), Optional.empty());
    }

    public static ReceptionRecord failed(Instant at, Problem problem) {
        return new ReceptionRecord(at, Optional.empty(), Optional.of(problem), Optional.empty(), Optional.empty());
    }

    /** The same row, saying how the patient proved they hold the card (the staff queue filters on it). */
    public ReceptionRecord withMethod(org.uketsuke.eligibility.IdentityMethod how) {
        return new ReceptionRecord(at, qualification, problem, confirmed, Optional.of(how));
    }
}
