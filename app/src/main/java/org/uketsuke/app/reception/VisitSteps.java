package org.uketsuke.app.reception;

import java.util.Optional;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;

/** Carries out the flow's card and backend commands; blocking, called on the device worker only. */
public interface VisitSteps {

    /** Runs one command and answers with the event it produced, if it produces one. */
    Optional<VisitEvent> run(VisitCommand.Step command);
}
