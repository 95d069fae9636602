package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timing wrapper adds a step's machine time to its part of the visit's timings, and changes nothing else. */
class TimedStepTest {

    @TempDir
    Path dir;

    @Test
    void aTimedStepAddsItsTimeToItsPartOnly() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            fixture.slot.insert();
            VisitStep.Result read = new TimedStep(
                            VisitTimings.Part.CARD, new ReadCardStep(fixture.slot, Clock.systemUTC()))
                    .run(VisitContext.EMPTY);
            assertThat(read.event()).contains(fixture.cardReady(3));
            assertThat(read.visit().timings().cardNanos()).isPositive();
            assertThat(read.visit().timings().backendNanos()).isZero();
            assertThat(read.visit().timings().sinkNanos()).isZero();

            VisitStep.Result nonce =
                    new TimedStep(VisitTimings.Part.BACKEND, new FetchNonceStep(fixture.client)).run(read.visit());
            assertThat(nonce.visit().timings().cardNanos())
                    .isEqualTo(read.visit().timings().cardNanos());
            assertThat(nonce.visit().timings().backendNanos()).isPositive();
            assertThat(nonce.visit().nonce()).isPresent();
            new EndVisitStep().run(nonce.visit());
        }
    }
}
