package org.uketsuke.bridge.store;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.Fixtures;
import org.uketsuke.bridge.RececonBridge;

/**
 * A hospital: several terminals, each with its own outbox, all delivering into one real PostgreSQL server at once —
 * and the server going down in the middle of the morning.
 */
class PostgresTerminalsTest {

    static LocalPostgresCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        cluster = LocalPostgresCluster.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private RececonBridge terminal(String name, PostgresTarget target) {
        return RececonBridge.open(new BridgeConfig(
                        dir.resolve(name + "-outbox.db"), null, null, Fixtures.INSTITUTION, StandardCharsets.UTF_8)
                .withPostgres(target));
    }

    @Test
    void fourTerminalsAtOnceNeitherLoseNorDoubleARow() throws Exception {
        PostgresTarget target = cluster.newDatabase("terminals");
        int terminals = 4;
        int each = 60;
        int shared = 15; // the same confirmation reaching the store from two terminals (a re-sent batch)
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(terminals);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            int terminal = t;
            done.add(pool.submit(() -> {
                try (RececonBridge bridge = terminal("t" + terminal, target)) {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        // Every terminal confirms the same patient now and then: the insurance row is upserted in
                        // races.
                        var q = i % 10 == 0 ? Fixtures.qualification(0) : Fixtures.qualification(terminal * 1000 + i);
                        bridge.submit(Fixtures.confirmation(
                                "t" + terminal + "-" + i,
                                RececonStoreContract.NINE.plusSeconds(terminal * 1000L + i),
                                q));
                        if (i < shared) {
                            bridge.submit(Fixtures.confirmation(
                                    "shared-" + i,
                                    RececonStoreContract.NINE.plusSeconds(i),
                                    Fixtures.qualification(500 + i)));
                        }
                        bridge.drain();
                    }
                    bridge.drain();
                    assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(count(target, "select count(*) from qualification")).isEqualTo(terminals * each + shared);
        assertThat(count(target, "select count(distinct idempotency_key) from qualification"))
                .isEqualTo(terminals * each + shared);
        // The patient every terminal saw has one insurance row, from the newest of those confirmations.
        try (Connection c = connect(target);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select last_idempotency_key from insurance where number = '1000'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("t3-50");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void whileTheServerIsDownEntriesWaitAndArriveOnceItIsBack() throws Exception {
        PostgresTarget target = cluster.newDatabase("outage");
        try (RececonBridge bridge = terminal("outage", target)) {
            bridge.submit(Fixtures.confirmation("before", RececonStoreContract.NINE, Fixtures.qualification(1)));
            assertThat(bridge.drain()).isEqualTo(1);

            cluster.stopServer();
            try {
                bridge.submit(Fixtures.confirmation(
                        "during", RececonStoreContract.NINE.plusSeconds(60), Fixtures.qualification(2)));
                assertThat(bridge.drain()).isZero();
                DeliveryStatus waiting = bridge.statuses().stream()
                        .filter(s -> s.idempotencyKey().equals("during"))
                        .findFirst()
                        .orElseThrow();
                assertThat(waiting.state()).isEqualTo(DeliveryStatus.State.PENDING);
                assertThat(waiting.lastError()).startsWith("postgresql:").contains("store");
                assertThat(waiting.sinks()).containsEntry("postgresql", false);
            } finally {
                cluster.startServer();
            }
            assertThat(bridge.drain()).isEqualTo(1);
            assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
        }
        assertThat(count(target, "select count(*) from qualification")).isEqualTo(2);
    }

    @Test
    void aTerminalStartsEvenWhenTheServerIsDownAndCatchesUpLater() throws Exception {
        PostgresTarget target = cluster.newDatabase("late");
        cluster.stopServer();
        RececonBridge bridge;
        try {
            bridge = terminal("late", target);
            bridge.submit(Fixtures.confirmation(
                    "early-bird", Instant.parse("2026-12-03T00:01:00Z"), Fixtures.qualification(3)));
            assertThat(bridge.drain()).isZero();
        } finally {
            cluster.startServer();
        }
        try (bridge) {
            assertThat(bridge.drain()).isEqualTo(1);
        }
        assertThat(count(target, "select count(*) from qualification")).isEqualTo(1);
    }

    private static Connection connect(PostgresTarget target) throws Exception {
        return DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
    }

    private static long count(PostgresTarget target, String sql) throws Exception {
        try (Connection c = connect(target);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
