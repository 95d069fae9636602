package org.uketsuke.app.terminal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitTimeouts;
import org.uketsuke.app.reception.CardSlot;
import org.uketsuke.app.staff.StaffPolicy;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.reader.api.SessionOpening;

/** A test terminal's settings and ports in a temporary folder: SQLite sinks, the given slot, the real client. */
final class TerminalFixture {

    static final String INSTITUTION = "1311234567";

    private TerminalFixture() {}

    static TerminalSettings settings(Path dir, Optional<Path> exchangeFolder) {
        return settings("test-1", dir, exchangeFolder);
    }

    /** @param terminalId this terminal's id (its audit anchors are kept under it by a shared backend) */
    static TerminalSettings settings(String terminalId, Path dir, Optional<Path> exchangeFolder) {
        return new TerminalSettings(
                terminalId,
                INSTITUTION,
                new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        dir.resolve("face"),
                        INSTITUTION,
                        StandardCharsets.UTF_8),
                exchangeFolder,
                VisitTimeouts.AS_IN_TABLE,
                StaffPolicy.DEFAULT);
    }

    /** A reader with no card on it. */
    static class EmptySlot implements CardSlot {
        @Override
        public void onCardEvents(Consumer<VisitEvent> sink) {}

        @Override
        public CardSlot start() {
            return this;
        }

        @Override
        public SessionOpening connect() {
            return new SessionOpening.NoCard("no card in this test");
        }

        @Override
        public String describe() {
            return "empty slot";
        }

        @Override
        public void close() {}
    }

    static TerminalPorts ports(Path dir, CardSlot slot, HttpsEligibilityClient client) {
        return new TerminalPorts(
                slot,
                client,
                client,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Clock.systemDefaultZone(),
                dir,
                Optional.of(client.auditAnchors()));
    }
}
