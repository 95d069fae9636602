package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.store.JdbcRececonStore;

/**
 * The statements a visit runs on the outbox and the SQLite store are prepared once per connection, not per visit
 * (docs/tuning.md, tenth round): counted, so a change that prepares one per visit again fails here. What the
 * visits write is checked too, and that the kept statements hold no read open on either database.
 */
class StatementsPerVisitTest {

    @TempDir
    Path dir;

    private RececonBridge open() {
        return RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                dir.resolve("face"),
                Fixtures.INSTITUTION,
                StandardCharsets.UTF_8));
    }

    /** As {@code HandOverStep} and the delivery worker do: submit, drain, ask what is pending. */
    private static void visit(RececonBridge bridge, int n) {
        bridge.submit(
                n % 2 == 0
                        ? Fixtures.confirmation("visit-" + n, n)
                        : Fixtures.confirmation(
                                "visit-" + n,
                                Instant.parse("2026-11-24T01:00:00Z").plusSeconds(n),
                                Fixtures.rich(n)));
        assertThat(bridge.drain()).isEqualTo(1);
        assertThat(bridge.hasPending()).isFalse();
    }

    @Test
    void aVisitPreparesNoStatementOnceTheFirstVisitsHavePreparedTheirs() throws Exception {
        try (RececonBridge bridge = open()) {
            JdbcRececonStore store = bridge.databaseStore().orElseThrow();
            visit(bridge, 0); // a plain confirmation
            visit(bridge, 1); // one with every block the fixtures have: 公費, 特定疾病, consents
            long outbox = bridge.statementsPrepared();
            long rows = store.statementsPrepared();
            // submit 2, drain 4 (the page, what the sinks hold, the marks, the states), hasPending 1
            assertThat(outbox).isEqualTo(7);
            // qualification, its particulars and subsidy status, insurance; 公費, 特定疾病 and its dates, consents
            assertThat(rows).isEqualTo(8);

            for (int n = 2; n < 22; n++) {
                visit(bridge, n);
            }

            assertThat(bridge.statementsPrepared()).as("outbox").isEqualTo(outbox);
            assertThat(store.statementsPrepared()).as("store").isEqualTo(rows);
            assertThat(count("rececon.db", "select count(*) from qualification"))
                    .isEqualTo(22);
            assertThat(count("rececon.db", "select count(*) from public_expense"))
                    .isEqualTo(22);
            assertThat(count("rececon.db", "select count(*) from consent")).isEqualTo(22);
            assertThat(count("outbox.db", "select count(*) from entry where state = 'DELIVERED'"))
                    .isEqualTo(22);
            assertThat(count("outbox.db", "select count(*) from delivery")).isEqualTo(44);
            // No kept statement holds a read: another connection checkpoints both WALs down to nothing.
            assertThat(checkpointBusy("outbox.db")).isZero();
            assertThat(checkpointBusy("rececon.db")).isZero();
        }
    }

    /**
     * A store transaction that fails drops its connection with the kept statements; the entries go again one at a
     * time on a new connection, which prepares its own. Here the store refuses one patient (a trigger, added while
     * the bridge's statements are kept: SQLite prepares them again for the changed schema itself).
     */
    @Test
    void aFailedStoreTransactionTakesItsStatementsWithItsConnection() throws Exception {
        try (RececonBridge bridge = open()) {
            JdbcRececonStore store = bridge.databaseStore().orElseThrow();
            visit(bridge, 0);
            long first = store.statementsPrepared();
            execute("create trigger refuse before insert on qualification when new.idempotency_key = 'refused'"
                    + " begin select raise(abort, 'refused by the test'); end");
            bridge.submitAll(List.of(
                    Fixtures.confirmation("before", 2),
                    Fixtures.confirmation("refused", 4),
                    Fixtures.confirmation("after", 6)));
            assertThat(bridge.drain()).isEqualTo(2);
            assertThat(bridge.statuses())
                    .filteredOn(status -> status.idempotencyKey().equals("refused"))
                    .singleElement()
                    .satisfies(status -> {
                        assertThat(status.state()).isEqualTo(DeliveryStatus.State.PENDING);
                        assertThat(status.lastError()).contains("refused by the test");
                    });
            // The batch's connection went with its statements, and so did the one the refused entry failed on: the
            // entries after them were written by statements prepared on a new connection.
            assertThat(store.statementsPrepared()).isGreaterThan(first);
            execute("drop trigger refuse");
            assertThat(bridge.drain()).isEqualTo(1);
            long again = store.statementsPrepared();
            visit(bridge, 8);
            visit(bridge, 10);
            assertThat(store.statementsPrepared()).isEqualTo(again);
            assertThat(count("rececon.db", "select count(*) from qualification"))
                    .isEqualTo(6);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(db));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int checkpointBusy(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(db));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("pragma wal_checkpoint(TRUNCATE)")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
