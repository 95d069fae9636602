package org.uketsuke.app.reception;

import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;

/** Carries out the flow's commands against the real devices; blocking, called on the device worker only. */
public interface VisitSteps {

    /** Runs one command and answers with the event it produced, or {@code null} when it produces none. */
    VisitEvent run(VisitCommand command);
}
