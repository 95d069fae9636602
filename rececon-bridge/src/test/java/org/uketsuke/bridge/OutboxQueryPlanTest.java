package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The delivery worker's and the console's outbox queries go through the (state, id) index: SQLite's own plan shows a
 * SEARCH, never a SCAN of the entry table (nor of its whole index), so a loop costs what the undelivered entries cost, however long the history.
 */
class OutboxQueryPlanTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                RececonBridge.PENDING_ENTRIES,
                RececonBridge.ANY_PENDING,
                RececonBridge.OPEN_STATUSES + "50",
                RececonBridge.DELIVERED_STATUSES + "50"
            })
    void aHotQuerySearchesTheIndexAndScansNothing(String query) throws Exception {
        Path outbox = dir.resolve("outbox.db");
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                outbox, dir.resolve("rececon.db"), null, Fixtures.INSTITUTION, StandardCharsets.UTF_8))) {
            // SQLite plans without statistics: a few rows show the same plan as millions (and keep the test short).
            for (int i = 0; i < 20; i++) {
                bridge.submit(Fixtures.confirmation("k" + i, i));
            }
            bridge.drain();
            bridge.submit(Fixtures.confirmation("open", 999));
        }
        List<String> plan = plan(outbox, query.replace("?", "0"));

        assertThat(plan).isNotEmpty().noneMatch(step -> step.startsWith("SCAN entry"));
        assertThat(plan).anyMatch(step -> step.contains("USING") && step.contains("INDEX entry_state"));
    }

    /**
     * Per submit and per delivered page: a key lookup and the page's (or, for the console, one entry's) deliveries,
     * each one index search.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {RececonBridge.KEY_LOOKUP, RececonBridge.DELIVERED_SINKS, RececonBridge.DELIVERED_SINKS_OF_PAGE})
    void thePerVisitLookupsSearchAnIndex(String query) throws Exception {
        Path outbox = dir.resolve("outbox.db");
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                outbox, dir.resolve("rececon.db"), null, Fixtures.INSTITUTION, StandardCharsets.UTF_8))) {
            bridge.submit(Fixtures.confirmation("k", 1));
        }
        List<String> plan = plan(outbox, query.replace("?", "1"));

        assertThat(plan).isNotEmpty().allMatch(step -> step.startsWith("SEARCH") && step.contains("INDEX"));
    }

    @Test
    void aBacklogLongerThanOneBatchIsDeliveredByOneDrain() {
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                null,
                Fixtures.INSTITUTION,
                StandardCharsets.UTF_8))) {
            int backlog = RececonBridge.DRAIN_BATCH + 3;
            for (int i = 0; i < backlog; i++) {
                bridge.submit(Fixtures.confirmation("b" + i, i));
            }

            assertThat(bridge.drain()).isEqualTo(backlog);
            assertThat(bridge.hasPending()).isFalse();
            assertThat(bridge.drain()).isZero();
        }
    }

    @Test
    void thePurgeDeletesOldDeliveredEntriesOnlyAndTheirDeliveries() throws Exception {
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                null,
                Fixtures.INSTITUTION,
                StandardCharsets.UTF_8))) {
            bridge.submit(Fixtures.confirmation("old", 1));
            bridge.submit(Fixtures.confirmation("new", 2));
            bridge.drain();
            bridge.submit(Fixtures.confirmation("old-but-open", 3));

            int purged = bridge.purgeDelivered(Instant.parse("2026-11-24T01:00:02Z"));

            assertThat(purged).isEqualTo(1);
            assertThat(bridge.statuses())
                    .extracting(DeliveryStatus::idempotencyKey)
                    .containsExactly("new", "old-but-open");
            assertThat(bridge.hasPending()).isTrue();
        }
        assertThat(plan(dir.resolve("outbox.db"), "select count(*) from delivery"))
                .isNotEmpty();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery("select count(*) from delivery where entry_id not in (select id from entry)")) {
            rs.next();
            assertThat(rs.getInt(1))
                    .as("no delivery row left without its entry")
                    .isZero();
        }
    }

    private static List<String> plan(Path outbox, String query) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + outbox);
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("explain query plan " + query)) {
            while (rs.next()) {
                steps.add(rs.getString("detail"));
            }
        }
        return steps;
    }
}
