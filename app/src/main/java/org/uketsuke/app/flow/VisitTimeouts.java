package org.uketsuke.app.flow;

import java.time.Duration;
import java.util.Optional;

/**
 * Changes to the timeouts the {@link VisitFlow} table gives its waiting states.
 *
 * @param patientIdle replaces the wait of the screens where the patient answers (PIN pad, consents, registration
 *     offer): the terminal's configured idle time
 * @param everyWait replaces every wait (tests that watch a timeout happen)
 */
public record VisitTimeouts(Optional<Duration> patientIdle, Optional<Duration> everyWait) {

    /** The table's own timeouts. */
    public static final VisitTimeouts AS_IN_TABLE = new VisitTimeouts(Optional.empty(), Optional.empty());

    public static VisitTimeouts patientIdle(Duration idle) {
        return new VisitTimeouts(Optional.of(idle), Optional.empty());
    }

    public static VisitTimeouts everyWait(Duration wait) {
        return new VisitTimeouts(Optional.empty(), Optional.of(wait));
    }

    Duration patientScreen(Duration inTable) {
        return everyWait.or(() -> patientIdle).orElse(inTable);
    }

    Duration screen(Duration inTable) {
        return everyWait.orElse(inTable);
    }
}
