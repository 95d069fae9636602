package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A terminal's untimed warm-up survives a failed first visit, but not a backend that never answers. */
class TerminalProcessTest {

    @Test
    void aFailedWarmUpVisitIsTriedAgainUntilEveryWarmUpVisitSucceeded() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        TerminalProcess.warmUp(TerminalProcess.WARM_UP, () -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("backend unavailable");
            }
            succeeded.incrementAndGet();
        });

        assertThat(succeeded).hasValue(TerminalProcess.WARM_UP);
        assertThat(calls).hasValue(TerminalProcess.WARM_UP + 2);
    }

    @Test
    void aVisitThatKeepsFailingEndsTheTerminal() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> TerminalProcess.warmUp(TerminalProcess.WARM_UP, () -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("backend unavailable");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(TerminalProcess.WARM_UP_TRIES);
    }
}
