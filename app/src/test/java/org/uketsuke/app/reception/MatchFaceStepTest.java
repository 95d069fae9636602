package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.CollationNumberB;

/**
 * The PIN-less check on the simulator's card-face AP, with the recorded demo camera and the real face pipeline: the
 * chip photo is the demo portrait, so the live face matches.
 */
class MatchFaceStepTest {

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

    private MatchFaceStep step(CollationNumberB digits) {
        return new MatchFaceStep(fixture.services.faceCheck(), digits);
    }

    @Test
    void theLiveFaceOfAGenuineCardsHolderBecomesTheProof() {
        VisitStep.Result matched = step(fixture.collationNumberB).run(fixture.cardRead());
        assertThat(matched.event()).contains(new VisitEvent.FaceMatched());
        assertThat(matched.visit().proof())
                .hasValueSatisfying(proof -> assertThat(proof)
                        .isInstanceOfSatisfying(
                                IdentityProof.FaceMatch.class,
                                face -> assertThat(face.match().cardFace().birthDate())
                                        .hasSize(8)));
        new EndVisitStep().run(matched.visit());
    }

    @Test
    void aWrongSecurityCodeIsRefusedByTheCardWithTheTriesLeft() {
        String digits = fixture.collationNumberB.value();
        String wrongCode = digits.substring(0, 10) + (digits.endsWith("0000") ? "1111" : "0000");
        VisitStep.Result rejected = step(new CollationNumberB(wrongCode)).run(fixture.cardRead());
        assertThat(rejected.event())
                .hasValueSatisfying(event -> assertThat(event)
                        .isInstanceOfSatisfying(
                                VisitEvent.CollationNumberRejected.class,
                                r -> assertThat(r.triesLeft()).isPositive()));
        assertThat(rejected.visit().proof()).isEmpty();
        // The right digits reset the card's counter for the other tests.
        VisitStep.Result matched = step(fixture.collationNumberB).run(rejected.visit());
        new EndVisitStep().run(matched.visit());
    }

    @Test
    void anExpiryYearThatIsNotTheCardsCostsNoTry() {
        String digits = fixture.collationNumberB.value();
        String otherYear = digits.substring(0, 6) + "2031" + digits.substring(10);
        VisitStep.Result mismatch = step(new CollationNumberB(otherYear)).run(fixture.cardRead());
        assertThat(mismatch.event()).contains(new VisitEvent.CardExpiryMismatch());
        new EndVisitStep().run(mismatch.visit());
    }

    @Test
    void aFaceMatchOnATerminalWithoutTheFaceCheckIsABug() {
        VisitContext read = fixture.cardRead();
        MatchFaceStep step = new MatchFaceStep(Optional.empty(), fixture.collationNumberB);
        assertThatThrownBy(() -> step.run(read)).isInstanceOf(IllegalStateException.class);
        new EndVisitStep().run(read);
    }

    @Test
    void withoutACardSessionNothingIsTried() {
        assertThat(step(fixture.collationNumberB).run(VisitContext.EMPTY).event())
                .contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
    }
}
