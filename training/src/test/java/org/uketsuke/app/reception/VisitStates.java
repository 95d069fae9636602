package org.uketsuke.app.reception;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.training.DemoProfile;

/** The screens a terminal's visit goes through, in order, for tests that wait for one of them. */
final class VisitStates {

    private final BlockingQueue<VisitSnapshot> shown = new LinkedBlockingQueue<>();

    private VisitStates() {}

    static VisitStates of(DemoProfile env) {
        VisitStates states = new VisitStates();
        env.terminal().controller().addListener(states.shown::add);
        return states;
    }

    /** The next snapshot in {@code wanted}, skipping the others; fails after 30 s without one. */
    VisitSnapshot await(VisitState wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            VisitSnapshot s = shown.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new AssertionError("no " + wanted);
            }
            if (s.state() == wanted) {
                return s;
            }
        }
    }
}
