package org.uketsuke.app.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitTimeouts;
import org.uketsuke.app.reception.CardSlot;
import org.uketsuke.app.reception.StaffOnDuty;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.api.SessionOpening;

/** The one assembly's life cycle: the card slot starts last, once the controller listens, and stops first. */
class TerminalTest {

    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void theCardSlotStartsLastAndStopsFirstAndThePortsOpenedBeforeTheTerminalStopLast() {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 42L, 5))) {
            HttpsEligibilityClient client = new HttpsEligibilityClient(
                    backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5), "1311234567", Clock.systemUTC());
            Closer closer = new Closer();
            closer.open(() -> events.add("port opened before the terminal"));
            RecordingSlot slot = new RecordingSlot();
            TerminalSettings settings = new TerminalSettings(
                    "test-1",
                    "1311234567",
                    new BridgeConfig(
                            dir.resolve("outbox.db"),
                            dir.resolve("rececon.db"),
                            dir.resolve("face"),
                            "1311234567",
                            StandardCharsets.UTF_8),
                    Optional.empty(),
                    VisitTimeouts.AS_IN_TABLE,
                    StaffOnDuty.single().accounts());
            TerminalPorts ports = new TerminalPorts(
                    slot,
                    client,
                    client,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Clock.systemDefaultZone(),
                    dir);

            Terminal terminal = Terminal.start(settings, ports, closer);
            terminal.onClose(() -> events.add("screens"));
            terminal.close();

            assertThat(events)
                    .containsExactly(
                            "card slot started with a listener",
                            "screens",
                            "card slot closed",
                            "port opened before the terminal");
        }
    }

    private final class RecordingSlot implements CardSlot {

        private Consumer<VisitEvent> sink;

        @Override
        public void onCardEvents(Consumer<VisitEvent> sink) {
            this.sink = sink;
        }

        @Override
        public CardSlot start() {
            events.add(sink == null ? "card slot started without a listener" : "card slot started with a listener");
            return this;
        }

        @Override
        public SessionOpening connect() {
            return new SessionOpening.NoCard("no card in this test");
        }

        @Override
        public String describe() {
            return "recording slot";
        }

        @Override
        public void close() {
            events.add("card slot closed");
        }
    }
}
