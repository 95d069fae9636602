package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;

/** VERIFY of the auth PIN on the virtual card, through the real driver. */
class VerifyPinStepTest {

    @TempDir
    static Path dir;

    private static VisitStepFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = VisitStepFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void cardOff() {
        fixture.slot.remove();
    }

    @Test
    void theRightPinMakesTheCardTheProofAndIsWiped() {
        VisitContext read = fixture.cardRead();
        Pin pin = Pin.of(fixture.issued.pin());
        VisitStep.Result verified = new VerifyPinStep(pin, Clock.systemUTC()).run(read);
        assertThat(verified.event()).contains(new VisitEvent.PinVerified());
        assertThat(verified.visit().proof()).contains(new IdentityProof.CardSignature());
        assertThat(pin.isCleared()).isTrue();
        new EndVisitStep().run(verified.visit());
    }

    @Test
    void aWrongPinSaysTheTriesLeftProvesNothingAndIsWiped() {
        VisitContext read = fixture.cardRead();
        Pin wrong = Pin.of(fixture.issued.pin().equals("0000") ? "1111" : "0000");
        VisitStep.Result rejected = new VerifyPinStep(wrong, Clock.systemUTC()).run(read);
        assertThat(rejected.event()).contains(new VisitEvent.PinRejected(2));
        assertThat(rejected.visit().proof()).isEmpty();
        assertThat(wrong.isCleared()).isTrue();
        // The right PIN resets the counter for the next test.
        assertThat(new VerifyPinStep(Pin.of(fixture.issued.pin()), Clock.systemUTC())
                        .run(rejected.visit())
                        .event())
                .contains(new VisitEvent.PinVerified());
        new EndVisitStep().run(rejected.visit());
    }

    @Test
    void withoutACardSessionThePinIsNotSentButStillWiped() {
        Pin pin = Pin.of(fixture.issued.pin());
        VisitStep.Result result = new VerifyPinStep(pin, Clock.systemUTC()).run(VisitContext.EMPTY);
        assertThat(result.event()).contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
        assertThat(pin.isCleared()).isTrue();
    }

    @Test
    void aCardTakenAwayBeforeVerifyIsACardRemoved() {
        VisitContext read = fixture.cardRead();
        fixture.slot.remove();
        VisitStep.Result result = new VerifyPinStep(Pin.of(fixture.issued.pin()), Clock.systemUTC()).run(read);
        assertThat(result.event()).contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
        assertThat(result.visit().proof()).isEmpty();
        new EndVisitStep().run(result.visit());
    }
}
