package org.uketsuke.app.reception;

import java.time.Instant;
import java.util.Optional;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;

/**
 * One row of the staff console's reception history: a confirmation, or the reason there was none.
 *
 * @param qualification the whole confirmed qualification (the console shows the insurance; the consistency check and
 *     the search use the rest; never shown to the patient)
 */
public record ReceptionRecord(
        Instant at, Optional<Qualification> qualification, Optional<Problem> problem, Optional<IdentityMethod> method) {

    public static ReceptionRecord confirmed(Instant at, Qualification confirmed) {
        return new ReceptionRecord(at, Optional.of(confirmed), Optional.empty(), Optional.empty());
    }

    public static ReceptionRecord failed(Instant at, Problem problem) {
        return new ReceptionRecord(at, Optional.empty(), Optional.of(problem), Optional.empty());
    }

    /** The same row, saying how the patient proved they hold the card (the staff queue filters on it). */
    public ReceptionRecord withMethod(IdentityMethod how) {
        return new ReceptionRecord(at, qualification, problem, Optional.of(how));
    }
}
