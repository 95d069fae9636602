package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.training.DemoProfile;

/**
 * The PIN is wiped once VERIFY has gone to the card, right or wrong: the holder the pad filled reads back as zeros
 * (demo environment: the virtual card, the real driver's VERIFY).
 */
class PinWipeTest {

    @TempDir
    Path dir;

    @Test
    void theRightPinIsWipedAfterVerifyAndTheVisitGoesOn() throws Exception {
        try (DemoProfile env = DemoProfile.start(dir)) {
            BlockingQueue<VisitSnapshot> states = listen(env);
            env.demoCard().insert();
            await(states, VisitState.AWAITING_PIN);
            Pin pin = Pin.of(env.demoPin().toCharArray());
            char[] inside = pin.digits();
            env.terminal().controller().fire(new VisitEvent.PinEntered(pin));
            await(states, VisitState.ASKING_CONSENTS);
            assertThat(pin.isCleared()).isTrue();
            assertThat(inside).containsOnly('\0');
        }
    }

    @Test
    void aWrongPinIsWipedToo() throws Exception {
        try (DemoProfile env = DemoProfile.start(dir)) {
            BlockingQueue<VisitSnapshot> states = listen(env);
            env.demoCard().insert();
            await(states, VisitState.AWAITING_PIN);
            String wrong = env.demoPin().equals("0000") ? "1111" : "0000";
            Pin pin = Pin.of(wrong.toCharArray());
            char[] inside = pin.digits();
            env.terminal().controller().fire(new VisitEvent.PinEntered(pin));
            VisitSnapshot again = await(states, VisitState.AWAITING_PIN);
            assertThat(again.pinTriesLeft()).isEqualTo(2);
            assertThat(inside).containsOnly('\0');
        }
    }

    static BlockingQueue<VisitSnapshot> listen(DemoProfile env) {
        BlockingQueue<VisitSnapshot> states = new LinkedBlockingQueue<>();
        env.terminal().controller().addListener(states::add);
        return states;
    }

    static VisitSnapshot await(BlockingQueue<VisitSnapshot> states, VisitState wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            VisitSnapshot s = states.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new AssertionError("no " + wanted);
            }
            if (s.state() == wanted) {
                return s;
            }
        }
    }
}
