package org.uketsuke.bridge.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL server started for this class (Debian's binaries, loopback, free port). */
class PostgresRececonStoreTest extends RececonStoreContract {

    private static final AtomicInteger databases = new AtomicInteger();
    static LocalPostgresCluster cluster;
    private PostgresTarget current;

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

    @Override
    JdbcRececonStore newStore() throws Exception {
        current = cluster.newDatabase("contract_" + databases.incrementAndGet());
        return JdbcRececonStore.postgresql(current);
    }

    @Override
    JdbcRececonStore newStoreOnSameDatabase() {
        return JdbcRececonStore.postgresql(current);
    }

    @Override
    Connection look() throws Exception {
        return DriverManager.getConnection(current.jdbcUrl(), current.connectionProperties());
    }

    /** With sequential scans priced out, a table without a usable index still shows "Seq Scan": what must not happen. */
    @Override
    List<String> plan(String query) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection c = look();
                Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("explain " + query)) {
                while (rs.next()) {
                    steps.add(rs.getString(1));
                }
            }
        }
        return steps;
    }
}
