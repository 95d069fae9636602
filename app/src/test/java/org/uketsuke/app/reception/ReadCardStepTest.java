package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        VisitStep.Result read = new ReadCardStep(fixture.slot).run(VisitContext.EMPTY);
        assertThat(read.event()).contains(new VisitEvent.CardReady(3));
        assertThat(read.visit().card())
                .hasValueSatisfying(
                        session -> assertThat(session.authCertificate()).isEqualTo(fixture.issued.authCertDer()));
        read.visit().card().get().close();
    }

    @Test
    void anEmptyReaderIsACardRemoved() {
        VisitStep.Result read = new ReadCardStep(fixture.slot).run(VisitContext.EMPTY);
        assertThat(read.event()).contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
        assertThat(read.visit().card()).isEmpty();
    }

    @Test
    void aCardTakenAwayDuringTheReadIsACardRemovedAndKeepsNoSession() {
        fixture.card.behave(CardBehaviour.normal().removedAfter(3));
        fixture.slot.insert();
        VisitStep.Result read = new ReadCardStep(fixture.slot).run(VisitContext.EMPTY);
        assertThat(read.event()).contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
        assertThat(read.visit().card()).isEmpty();
    }

    @Test
    void aTokenThatIsNotAMyNumberCardIsRefused() {
        VirtualCardSlot other = new VirtualCardSlot(VisitStepFixture.inProcess(new MyNumberCardSimulator(
                new CardPersonalisation(
                        fixture.issued.authCertDer(),
                        fixture.issued.authCaCertDer(),
                        fixture.issued.authKey(),
                        fixture.issued.pin()),
                "SOMEOTHERTOKEN")));
        other.insert();
        VisitStep.Result read = new ReadCardStep(other).run(VisitContext.EMPTY);
        assertThat(read.event()).contains(new VisitEvent.Failed(Problem.NOT_A_MY_NUMBER_CARD));
        assertThat(read.visit().card()).isEmpty();
    }
}
