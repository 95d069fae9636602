package org.uketsuke.app.flow;

import java.util.List;

/** The result of one event: the next visible state and the work to start. */
public record Transition(VisitSnapshot next, List<VisitCommand> commands) {

    public Transition {
        commands = List.copyOf(commands);
    }

    static Transition to(VisitSnapshot next, VisitCommand... commands) {
        return new Transition(next, List.of(commands));
    }
}
