package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.reader.jpki.Signature;

/** Ending the visit closes the card session, which resets the card's PIN state, and forgets everything. */
class EndVisitStepTest {

    @TempDir
    Path dir;

    @Test
    void theCardForgetsTheVerifiedPinAndTheVisitForgetsThePatient() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitContext verified = fixture.pinVerified();
            CardSession session = verified.card().orElseThrow();

            VisitStep.Result ended = new EndVisitStep().run(verified);

            assertThat(ended.event()).isEmpty();
            assertThat(ended.visit()).isEqualTo(VisitContext.EMPTY);
            assertThat(session.card().signWithAuthKey(new byte[32])).isNotInstanceOf(Signature.Signed.class);
        }
    }

    @Test
    void endingAVisitWithoutACardIsHarmless() {
        assertThat(new EndVisitStep().run(VisitContext.EMPTY).visit()).isEqualTo(VisitContext.EMPTY);
    }
}
