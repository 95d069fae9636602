package org.uketsuke.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.Fixtures;

class SqliteRececonStoreTest extends RececonStoreContract {

    @TempDir
    Path dir;

    @Override
    JdbcRececonStore newStore() throws Exception {
        return JdbcRececonStore.sqlite(dir.resolve("rececon.db"));
    }

    @Override
    JdbcRececonStore newStoreOnSameDatabase() throws Exception {
        return newStore();
    }

    @Override
    Connection look() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
    }

    @Override
    List<String> plan(String query) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection c = look();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("explain query plan " + query)) {
            while (rs.next()) {
                steps.add(rs.getString("detail"));
            }
        }
        return steps;
    }

    @Test
    void aStoreFromBeforeVersionedMigrationsKeepsItsRowsAndGainsTheNewTables() throws Exception {
        // The table exactly as the first release created it, with one row in it.
        try (Connection c = look();
                Statement s = c.createStatement()) {
            s.execute("create table qualification ( idempotency_key text primary key, confirmed_at text not null,"
                    + " method text not null, insurer_number text not null, insurer_name text not null, symbol text not null,"
                    + " number text not null, branch text not null, name text not null, name_kana text not null,"
                    + " birthdate text not null, sex text not null, personal_family text not null,"
                    + " contribution_ratio text not null, processing_time text not null, result_xml text not null)");
            s.execute(
                    "insert into qualification values ('old', '2026-11-24T01:00:00Z', 'PIN', '01130012', 'x', '1', '2',"
                            + " '00', 'n', 'k', '1970-01-01', '1', '1', '030', '20261124100000', '<XmlMsg/>')");
        }
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(1, Fixtures.confirmation("new", NINE, Fixtures.rich(1))));
        }
        assertThat(rows("select idempotency_key, reference_classification from qualification order by idempotency_key"))
                .containsExactly(List.of("new", "1"), List.of("old", "1"));
        assertThat(rows("select version, description from schema_history order by version"))
                .containsExactly(
                        List.of("1", "confirmation history"),
                        List.of("2", "insurance and blocks"),
                        List.of("3", "result particulars"),
                        List.of("4", "insurance by birthdate"),
                        List.of("5", "medical subsidy"));
    }
}
