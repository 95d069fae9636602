package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.CardKind;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.PresentedCard;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.reader.sim.CardBehaviour;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;

/** Reading the card: the virtual card simulator through the real driver, with a card the mock backend issued. */
class ReadCardStepTest {

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
    void freshCard() {
        fixture.slot.remove();
        fixture.card.behave(CardBehaviour.normal());
    }

    @Test
    void aMyNumberCardIsReadWithItsCertificateAndThePinTriesLeft() {
        fixture.slot.insert();
        VisitStep.Result read = new ReadCardStep(fixture.slot, Clock.systemUTC()).run(VisitContext.EMPTY);
        assertThat(read.event()).contains(fixture.cardReady(3));
        assertThat(read.visit().card())
                .hasValueSatisfying(
                        session -> assertThat(session.authCertificate()).isEqualTo(fixture.issued.authCertDer()));
        read.visit().card().get().close();
    }

    @Test
    void anEmptyReaderIsACardRemoved() {
        VisitStep.Result read = new ReadCardStep(fixture.slot, Clock.systemUTC()).run(VisitContext.EMPTY);
        assertThat(read.event()).contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
        assertThat(read.visit().card()).isEmpty();
    }

    @Test
    void aCardTakenAwayDuringTheReadIsACardRemovedAndKeepsNoSession() {
        fixture.card.behave(CardBehaviour.normal().removedAfter(3));
        fixture.slot.insert();
        VisitStep.Result read = new ReadCardStep(fixture.slot, Clock.systemUTC()).run(VisitContext.EMPTY);
        assertThat(read.event()).contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
        assertThat(read.visit().card()).isEmpty();
    }

    private static VirtualCardSlot slotWith(MyNumberCardSimulator card) {
        VirtualCardSlot slot = new VirtualCardSlot(VisitStepFixture.inProcess(card));
        slot.insert();
        return slot;
    }

    private static CardPersonalisation personalisation() {
        return new CardPersonalisation(
                fixture.issued.authCertDer(),
                fixture.issued.authCaCertDer(),
                fixture.issued.authKey(),
                fixture.issued.pin());
    }

    private static PresentedCard presented(VisitStep.Result read) {
        assertThat(read.event()).containsInstanceOf(VisitEvent.CardReady.class);
        return ((VisitEvent.CardReady) read.event().orElseThrow()).card();
    }

    @Test
    void aFaceOnlyCardIsToldApartByItsMissingPin() {
        VisitStep.Result read = new ReadCardStep(
                        slotWith(new MyNumberCardSimulator(personalisation()).withoutAuthPin()), Clock.systemUTC())
                .run(VisitContext.EMPTY);
        assertThat(presented(read).kind()).isEqualTo(CardKind.FACE_ONLY_CARD);
        assertThat(read.visit().proof()).isEmpty();
        read.visit().card().get().close();
    }

    @Test
    void anAndroidPhoneGetsThePinPadAndItsCertificateIsReadBehindThePin() {
        VisitStep.Result read = new ReadCardStep(
                        slotWith(new MyNumberCardSimulator(personalisation(), "JPKIAPGPSETOKEN")), Clock.systemUTC())
                .run(VisitContext.EMPTY);
        assertThat(presented(read)).isEqualTo(PresentedCard.of(CardKind.ANDROID_PHONE));
        assertThat(read.visit().card().get().certificateRead()).isFalse();
        VisitStep.Result verified =
                new VerifyPinStep(Pin.of(fixture.issued.pin()), Clock.systemUTC()).run(read.visit());
        assertThat(verified.event()).containsInstanceOf(VisitEvent.PinVerified.class);
        assertThat(verified.visit().card().get().authCertificate()).isEqualTo(fixture.issued.authCertDer());
        assertThat(verified.visit().proof()).contains(new IdentityProof.CardSignature());
        verified.visit().card().get().close();
    }

    @Test
    void anIPhoneNeedsNoPinOnTheKiosk() {
        VisitStep.Result read = new ReadCardStep(
                        slotWith(new MyNumberCardSimulator(personalisation(), "JPKIAPIOSTOKEN")), Clock.systemUTC())
                .run(VisitContext.EMPTY);
        assertThat(presented(read).kind()).isEqualTo(CardKind.IPHONE);
        assertThat(read.visit().proof()).contains(new IdentityProof.CardSignature());
        read.visit().card().get().close();
    }

    @Test
    void aPhoneWhoseCertificateHasExpiredIsRefusedWithItsOwnProblem() {
        Clock afterExpiry = Clock.fixed(Instant.now().plus(Duration.ofDays(20 * 365)), ZoneOffset.UTC);
        VisitStep.Result read = new ReadCardStep(
                        slotWith(new MyNumberCardSimulator(personalisation(), "JPKIAPIOSTOKEN")), afterExpiry)
                .run(VisitContext.EMPTY);
        assertThat(read.event()).contains(new VisitEvent.Failed(Problem.PHONE_CERTIFICATE_EXPIRED));
        assertThat(read.visit().card()).isEmpty();
    }

    @Test
    void aTokenThatIsNotAMyNumberCardIsRefused() {
        VirtualCardSlot other = slotWith(new MyNumberCardSimulator(personalisation(), "SOMEOTHERTOKEN"));
        VisitStep.Result read = new ReadCardStep(other, Clock.systemUTC()).run(VisitContext.EMPTY);
        assertThat(read.event()).contains(new VisitEvent.Failed(Problem.NOT_A_MY_NUMBER_CARD));
        assertThat(read.visit().card()).isEmpty();
    }
}
