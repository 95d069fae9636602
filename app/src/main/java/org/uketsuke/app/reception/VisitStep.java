package org.uketsuke.app.reception;

import java.util.Optional;
import org.uketsuke.app.flow.VisitEvent;

/** One step of a visit: it takes what the visit knows and returns what it knows after the step. */
interface VisitStep {

    Result run(VisitContext visit);

    /**
     * @param event what the step ends in; empty when the next step of the same command goes on (or the command answers
     *     nothing)
     */
    record Result(VisitContext visit, Optional<VisitEvent> event) {

        static Result next(VisitContext visit) {
            return new Result(visit, Optional.empty());
        }

        static Result end(VisitContext visit, VisitEvent event) {
            return new Result(visit, Optional.of(event));
        }
    }
}
