package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
            VisitStates states = VisitStates.of(env);
            env.demoCard().insert();
            states.await(VisitState.AWAITING_PIN);
            Pin pin = Pin.of(env.demoPin().toCharArray());
            char[] inside = pin.digits();
            env.terminal().controller().fire(new VisitEvent.PinEntered(pin));
            states.await(VisitState.ASKING_CONSENTS);
            assertThat(pin.isCleared()).isTrue();
            assertThat(inside).containsOnly('\0');
        }
    }

    @Test
    void aWrongPinIsWipedToo() throws Exception {
        try (DemoProfile env = DemoProfile.start(dir)) {
            VisitStates states = VisitStates.of(env);
            env.demoCard().insert();
            states.await(VisitState.AWAITING_PIN);
            String wrong = env.demoPin().equals("0000") ? "1111" : "0000";
            Pin pin = Pin.of(wrong.toCharArray());
            char[] inside = pin.digits();
            env.terminal().controller().fire(new VisitEvent.PinEntered(pin));
            VisitSnapshot again = states.await(VisitState.AWAITING_PIN);
            assertThat(again.pinTriesLeft()).isEqualTo(2);
            assertThat(inside).containsOnly('\0');
        }
    }
}
