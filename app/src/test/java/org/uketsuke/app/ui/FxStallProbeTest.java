package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** The stall detector FxResponsivenessTest relies on: it sees a stall the FX thread really has, and votes by majority. */
@ExtendWith(ApplicationExtension.class)
class FxStallProbeTest {

    private static final Duration GOAL = Duration.ofMillis(100);

    @Test
    void anInjected300MsStallIsCaughtInEveryRunAndFailsTheGoal() throws Exception {
        List<FxStallProbe.Stalls> runs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (FxStallProbe probe = FxStallProbe.start()) {
                Thread.sleep(100);
                Platform.runLater(() -> {
                    try {
                        Thread.sleep(300); // what a blocking call on the FX thread does
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Thread.sleep(600);
                runs.add(probe.stalls());
            }
        }
        // The probe posts every ~10 ms, so a task posted during the stall waits at least its last ~290 ms: load can
        // only lengthen that.
        assertThat(runs).allSatisfy(s -> assertThat(s.maxMs()).isGreaterThanOrEqualTo(250));
        // The FX thread's own: the control sleeper kept running, so the stall is not discounted as a machine pause. On
        // a machine short of CPU the sleeper itself can oversleep during the stall and discount part of it (CI with
        // other builds: 200 ms of 293 in one run of three), which is why the probe votes by majority.
        assertThat(runs.stream().filter(s -> s.fxOwnMaxMs() >= 250).count()).isGreaterThanOrEqualTo(2);
        assertThat(FxStallProbe.exceededInMost(runs, GOAL)).isTrue();
    }

    @Test
    void oneDisturbedRunOfThreeDoesNotDecideTwoDo() {
        FxStallProbe.Stalls calm = new FxStallProbe.Stalls(500, 40, 5, 0, 40);
        FxStallProbe.Stalls stalled = new FxStallProbe.Stalls(500, 180, 5, 0, 180);
        FxStallProbe.Stalls machinePaused = new FxStallProbe.Stalls(500, 400, 5, 0, 30);
        assertThat(machinePaused.exceeds(GOAL))
                .as("a pause of the whole process is not the FX thread's")
                .isFalse();
        assertThat(FxStallProbe.exceededInMost(List.of(calm, stalled, calm), GOAL))
                .isFalse();
        assertThat(FxStallProbe.exceededInMost(List.of(stalled, calm, stalled), GOAL))
                .isTrue();
        assertThat(stalled.exceeds(GOAL)).isTrue();
        assertThat(calm.exceeds(GOAL)).isFalse();
    }
}
