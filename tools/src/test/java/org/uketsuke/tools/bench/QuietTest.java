package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The wait for an idle machine before each bench step: a machine kept busy is never taken for a quiet one. */
class QuietTest {

    @Test
    void everyCoreSpinningIsBusyAndTheWaitSaysItMeasuredAnyway() throws InterruptedException {
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            spinners.add(Thread.ofPlatform().daemon().start(() -> {
                while (spin.get()) {
                    Thread.onSpinWait(); // on the core all the same: user time, not idle
                }
            }));
        }
        try {
            assertThat(Quiet.idleShare()).isLessThan(Quiet.IDLE);
            Quiet quiet = new Quiet();
            assertThat(quiet.settle("face", Duration.ofSeconds(2))).contains("face: machine still busy");
            assertThat(quiet.summary(Duration.ofSeconds(2))).contains("1 step(s) started on a busy machine");
        } finally {
            spin.set(false);
            for (Thread t : spinners) {
                t.join();
            }
        }
    }

    @Test
    void theIdleShareIsAShare() throws InterruptedException {
        assertThat(Quiet.idleShare()).isBetween(0.0, 1.0);
    }
}
