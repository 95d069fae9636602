package org.uketsuke.app.reception;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.uketsuke.eligibility.ConsentScenario;

/**
 * Under which 診療区分 the next card visit's consents are given (docs/spec-notes/failures.md#home-visits): outpatient
 * unless the staff chose the first visit of a 訪問診療 or オンライン診療 (居宅同意取得型), whose consent later visits are
 * re-confirmed under without the card. Back to outpatient once that visit has ended.
 */
public final class VisitScenario {

    private final AtomicReference<ConsentScenario> next = new AtomicReference<>(ConsentScenario.OUTPATIENT);

    /** The staff's choice for the next card visit. */
    public void set(ConsentScenario scenario) {
        next.set(Objects.requireNonNull(scenario, "scenario"));
    }

    public ConsentScenario current() {
        return next.get();
    }

    /** After a visit: the next one is an outpatient visit again unless the staff choose otherwise. */
    void reset() {
        next.set(ConsentScenario.OUTPATIENT);
    }
}
