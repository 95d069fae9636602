package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * Two readers at one kiosk, both real slots of vpcd behind the system pcscd ("Virtual PCD 00 00" on port 35963, "…
 * 00 01" on 35964): the card on the first starts the visit, a card placed on the second meanwhile waits and is
 * reported, and when the first card leaves it becomes the next visit's card — its session is opened on its reader.
 */
class PcscFirstCardWinsVpcdTest {

    private static final String READER_A = "Virtual PCD 00 00";
    private static final String READER_B = "Virtual PCD 00 01";

    @TempDir
    Path state;

    @Test
    void theFirstCardWinsAndTheCardWaitingOnTheOtherReaderIsNext() throws Exception {
        // Two simulators of one card: which one the session talks to shows in their command counts.
        CardPersonalisation issued = issue(state);
        MyNumberCardSimulator cardA = new MyNumberCardSimulator(issued);
        MyNumberCardSimulator cardB = new MyNumberCardSimulator(issued);
        BlockingQueue<VisitEvent> events = new LinkedBlockingQueue<>();
        BlockingQueue<List<String>> waiting = new LinkedBlockingQueue<>();
        try (PcscCardSlot slot = new PcscCardSlot(new PcscReaders(), List.of(READER_A, READER_B));
                VpcdConnector onA = new VpcdConnector(cardA, "127.0.0.1", VpcdConnector.DEFAULT_PORT);
                VpcdConnector onB = new VpcdConnector(cardB, "127.0.0.1", VpcdConnector.DEFAULT_PORT + 1)) {
            slot.onCardEvents(events::add);
            slot.onWaitingCards(waiting::add);
            slot.start();

            onA.connect();
            assertThat(next(events)).isInstanceOf(VisitEvent.CardPlaced.class);
            onB.connect();
            assertThat(waiting.poll(10, TimeUnit.SECONDS))
                    .as("the kiosk is told a card waits on the other reader")
                    .containsExactly(READER_B);
            assertThat(events).as("the waiting card does not start a visit").isEmpty();
            long beforeB = cardB.commandCount();
            read(slot);
            assertThat(cardB.commandCount())
                    .as("the session is the first card's")
                    .isEqualTo(beforeB);

            onA.close();
            assertThat(next(events)).isInstanceOf(VisitEvent.CardRemoved.class);
            assertThat(next(events)).isInstanceOf(VisitEvent.CardPlaced.class);
            assertThat(waiting.poll(10, TimeUnit.SECONDS))
                    .as("no card waits any more")
                    .isEmpty();
            long beforeA = cardA.commandCount();
            read(slot);
            assertThat(cardB.commandCount())
                    .as("the next visit's session is the waiting card's")
                    .isGreaterThan(beforeB);
            assertThat(cardA.commandCount()).isEqualTo(beforeA);
        }
    }

    /** A card the mock backend's test CA issued (the simulator needs a JPKI certificate and key to answer). */
    private static CardPersonalisation issue(Path state) {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 3L, 5))) {
            IssuedCard issued = backend.issueCard(0);
            return new CardPersonalisation(
                    issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin());
        }
    }

    private static VisitEvent next(BlockingQueue<VisitEvent> events) throws InterruptedException {
        VisitEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a card event within 10 s").isNotNull();
        return event;
    }

    /** Opens the slot's session and talks to the card in it (identifies the JPKI token). */
    private static void read(PcscCardSlot slot) throws Exception {
        SessionOpening opening = slot.connect();
        assertThat(opening).isInstanceOf(SessionOpening.Open.class);
        try (var transport = ((SessionOpening.Open) opening).transport()) {
            new JpkiCard(transport).identify();
        }
    }
}
