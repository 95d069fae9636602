package org.uketsuke.bridge.store;

import java.sql.Connection;
import java.sql.DriverManager;
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
}
