package org.uketsuke.reader.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.ReaderEvent;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * The reader watcher against a real pcscd of the test's own (see {@link PrivatePcscd}): cards placed and taken off
 * through vpcd, the service killed and started again mid-watch, readers gone and back. The machine's pcscd is not
 * touched. Runs in the private-pcscd Surefire execution (which sets the socket variable and a property saying so); the default execution
 * leaves it out, and only counts it as skipped when a {@code -Dtest} filter makes it name the class.
 */
@EnabledIfSystemProperty(named = "uketsuke.private-pcscd", matches = "true")
class ReaderWatcherPrivatePcscdTest {

    private static final String READER = "Virtual PCD 00 00";
    private static final String SECOND_READER = "Virtual PCD 00 01";
    private static PrivatePcscd pcscd;

    private final List<ReaderEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void ownPcscd() throws Exception {
        pcscd = PrivatePcscd.forThisJvm().start();
    }

    @AfterAll
    static void stopOwnPcscd() throws Exception {
        pcscd.close();
    }

    @BeforeEach
    void pcscdRunsWithItsReaders() throws Exception {
        if (!pcscd.running()) {
            pcscd.start();
        }
        PrivatePcscd.waitFor(() -> new PcscReaders().readers().contains(READER), "the private pcscd's readers");
    }

    @Test
    void cardsPlacedAndTakenOffAreReportedPerReader() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        try (ReaderWatcher watcher =
                new ReaderWatcher().addListener(events::add).start()) {
            awaitEvents(new ReaderEvent.ReaderAdded(READER), new ReaderEvent.ReaderAdded(SECOND_READER));
            assertThat(events.getFirst()).isInstanceOf(ReaderEvent.ServiceUp.class);
            try (VpcdConnector inserted = new VpcdConnector(card, "127.0.0.1", pcscd.vpcdPort())) {
                inserted.connect();
                awaitEvents(new ReaderEvent.CardInserted(READER));
            }
            awaitEvents(new ReaderEvent.CardInserted(READER), new ReaderEvent.CardRemoved(READER));
            try (VpcdConnector second = new VpcdConnector(card, "127.0.0.1", pcscd.vpcdPort() + 1)) {
                second.connect();
                awaitEvents(new ReaderEvent.CardInserted(SECOND_READER));
            }
            awaitEvents(new ReaderEvent.CardRemoved(SECOND_READER));
        }
        assertThat(events)
                .filteredOn(ReaderEvent.CardInserted.class::isInstance)
                .hasSize(2);
        assertThat(events).noneMatch(ReaderEvent.ServiceDown.class::isInstance);
    }

    @Test
    void aCardAlreadyOnTheReaderIsReportedWhenWatchingStarts() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        try (VpcdConnector inserted = new VpcdConnector(card, "127.0.0.1", pcscd.vpcdPort())) {
            inserted.connect();
            assertThat(new PcscReaders().waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .isTrue();
            try (ReaderWatcher watcher =
                    new ReaderWatcher().addListener(events::add).start()) {
                awaitEvents(new ReaderEvent.ReaderAdded(READER), new ReaderEvent.CardInserted(READER));
            }
        }
    }

    @Test
    void theWatcherSurvivesPcscdBeingKilledAndStartedAgain() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        PcscReaders readers = new PcscReaders();
        try (ReaderWatcher watcher =
                new ReaderWatcher().addListener(events::add).start()) {
            VpcdConnector inserted = new VpcdConnector(card, "127.0.0.1", pcscd.vpcdPort());
            inserted.connect();
            awaitEvents(new ReaderEvent.CardInserted(READER));

            pcscd.kill();
            inserted.close();
            awaitEvents(
                    new ReaderEvent.CardInserted(READER),
                    new ReaderEvent.CardRemoved(READER),
                    new ReaderEvent.ReaderRemoved(READER));
            ReaderEvent down = awaitType(ReaderEvent.ServiceDown.class);
            assertThat(((ReaderEvent.ServiceDown) down).reason()).contains("SCARD_");

            pcscd.start();
            awaitType(ReaderEvent.ServiceUp.class, 2);
            try (VpcdConnector again = new VpcdConnector(card, "127.0.0.1", pcscd.vpcdPort())) {
                connectWhenListening(again);
                awaitEvents(new ReaderEvent.CardInserted(READER));
                assertThat(events.stream()
                                .filter(new ReaderEvent.ReaderAdded(READER)::equals)
                                .count())
                        .as("the reader is reported again after the restart: %s", events)
                        .isEqualTo(2);
                // Sessions work again on the renewed context, not only the watcher.
                assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                        .isTrue();
                try (ApduTransport session = readers.connect(READER)) {
                    assertThat(new JpkiCard(session).readAuthCertificate()).isInstanceOf(CertificateRead.Read.class);
                }
            }
            awaitEvents(new ReaderEvent.CardRemoved(READER));
        }
    }

    @Test
    void readersThatDisappearAndComeBackAreReported() throws Exception {
        try (ReaderWatcher watcher =
                new ReaderWatcher().addListener(events::add).start()) {
            awaitEvents(new ReaderEvent.ReaderAdded(READER));
            pcscd.stop();
            awaitType(ReaderEvent.ServiceDown.class);
            pcscd.startWithoutReaders();
            awaitType(ReaderEvent.ServiceUp.class, 2);
            ReaderEvent.ServiceUp empty = (ReaderEvent.ServiceUp) events.stream()
                    .filter(ReaderEvent.ServiceUp.class::isInstance)
                    .toList()
                    .get(1);
            assertThat(empty.readers()).isEmpty();
            pcscd.stop();
            pcscd.start();
            awaitType(ReaderEvent.ServiceUp.class, 3);
            awaitEvents(new ReaderEvent.ReaderRemoved(READER), new ReaderEvent.ReaderAdded(READER));
        }
        assertThat(events.stream()
                        .filter(e -> e.equals(new ReaderEvent.ReaderAdded(READER)))
                        .count())
                .isEqualTo(2);
    }

    /** vpcd listens a moment after pcscd's socket appears. */
    private static void connectWhenListening(VpcdConnector connector) {
        PrivatePcscd.waitFor(
                () -> {
                    try {
                        connector.connect();
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                },
                "vpcd listening on port " + pcscd.vpcdPort());
    }

    /** Waits until the events seen so far contain {@code expected} in this order (others may come between). */
    private void awaitEvents(ReaderEvent... expected) {
        PrivatePcscd.waitFor(
                () -> containsInOrder(new ArrayList<>(events), List.of(expected)), List.of(expected) + " in " + events);
    }

    private ReaderEvent awaitType(Class<? extends ReaderEvent> type) {
        return awaitType(type, 1);
    }

    private ReaderEvent awaitType(Class<? extends ReaderEvent> type, int count) {
        PrivatePcscd.waitFor(
                () -> events.stream().filter(type::isInstance).count() >= count,
                count + " × " + type.getSimpleName() + " in " + events);
        return events.stream().filter(type::isInstance).toList().get(count - 1);
    }

    private static boolean containsInOrder(List<ReaderEvent> seen, List<ReaderEvent> expected) {
        int at = 0;
        for (ReaderEvent event : seen) {
            if (at < expected.size() && event.equals(expected.get(at))) {
                at++;
            }
        }
        return at == expected.size();
    }
}
