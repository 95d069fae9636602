package org.uketsuke.app.reception;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.reader.api.SessionOpening;

/**
 * What the visit shows when no card session could be opened: the driver's closed list of reasons, one problem
 * each; where it broke goes to the log.
 */
final class CardSessionProblems {

    private static final Logger log = LoggerFactory.getLogger(CardSessionProblems.class);

    private CardSessionProblems() {}

    static Problem problemOf(SessionOpening.Refused refused) {
        return switch (refused) {
            case SessionOpening.NoCard _ -> Problem.CARD_REMOVED;
            case SessionOpening.InUse _ -> Problem.CARD_IN_USE;
            case SessionOpening.ServiceDown _, SessionOpening.NoReader _ -> Problem.CARD_SERVICE_UNAVAILABLE;
        };
    }

    static VisitEvent failed(SessionOpening.Refused refused) {
        log.warn("no card session: {}", refused);
        return new VisitEvent.Failed(problemOf(refused));
    }
}
