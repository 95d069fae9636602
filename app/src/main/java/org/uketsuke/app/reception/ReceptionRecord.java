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
        Instant at,
        Optional<Qualification> qualification,
        Optional<Problem> problem,
        Optional<IdentityMethod> method,
        Optional<Assistance> assistance) {

    public ReceptionRecord(
            Instant at,
            Optional<Qualification> qualification,
            Optional<Problem> problem,
            Optional<IdentityMethod> method) {
        this(at, qualification, problem, method, Optional.empty());
    }

    public static ReceptionRecord confirmed(Instant at, Qualification confirmed) {
        return new ReceptionRecord(at, Optional.of(confirmed), Optional.empty(), Optional.empty());
    }

    public static ReceptionRecord failed(Instant at, Problem problem) {
        return new ReceptionRecord(at, Optional.empty(), Optional.of(problem), Optional.empty());
    }

    /** The same row, saying how the patient proved they hold the card (the staff queue filters on it). */
    public ReceptionRecord withMethod(IdentityMethod how) {
        return new ReceptionRecord(at, qualification, problem, Optional.of(how), assistance);
    }

    /** The same row, saying who helped the patient (介助者 / 代理人), if anyone did. */
    public ReceptionRecord withAssistance(Optional<Assistance> helped) {
        return new ReceptionRecord(at, qualification, problem, method, helped);
    }
}
