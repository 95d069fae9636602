package org.uketsuke.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.Fixtures;
import org.uketsuke.bridge.sink.SinkFailure;
import org.uketsuke.bridge.store.PostgresTargetException.Reason;

/**
 * The shared store talks to PostgreSQL only over TLS with the server checked (verify-full) unless the administrator
 * allowed plain TCP to this machine: real servers, one with TLS from its own CA and one without TLS at all.
 */
class PostgresTlsTest {

    static LocalPostgresCluster withTls;
    static LocalPostgresCluster withoutTls;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        withTls = LocalPostgresCluster.start();
        withoutTls = LocalPostgresCluster.startWithoutTls();
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (LocalPostgresCluster cluster : new LocalPostgresCluster[] {withTls, withoutTls}) {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void aDeliveryGoesOverVerifiedTls() throws Exception {
        PostgresTarget target = withTls.newDatabase("tls_ok");
        assertThat(target.tls()).isEqualTo(new PostgresTls.VerifyFull(withTls.serverCaFile()));
        try (JdbcRececonStore store = JdbcRececonStore.postgresql(target)) {
            store.deliver(RececonStoreContract.entry(1, Fixtures.confirmation("tls-1", 1)));
        }
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("the session is encrypted").isTrue();
        }
        assertThat(rows(target)).isEqualTo(1);
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() throws Exception {
        PostgresTarget target = withTls.newDatabase("tls_other_ca");
        Path otherCa = LocalPostgresCluster.makeCertificateAuthority(dir, "other");
        refused(new PostgresTarget(target.jdbcUrl(), target.user(), "", new PostgresTls.VerifyFull(otherCa)));
        assertThat(rows(target))
                .as("nothing reached the impostor-checked server")
                .isZero();
    }

    @Test
    void aWrongHostNameIsRefused() throws Exception {
        PostgresTarget target = withTls.newDatabase("tls_wrong_host");
        // Same server, same CA, but the certificate names 127.0.0.1 and the URL says localhost.
        refused(new PostgresTarget(withTls.jdbcUrl("localhost", "tls_wrong_host"), target.user(), "", target.tls()));
        assertThat(rows(target)).isZero();
    }

    @Test
    void aServerWithoutTlsIsRefusedByDefault() throws Exception {
        PostgresTarget plain = withoutTls.newDatabase("no_tls");
        refused(new PostgresTarget(
                plain.jdbcUrl(), plain.user(), "", new PostgresTls.VerifyFull(withTls.serverCaFile())));
        assertThat(rows(plain)).isZero();
    }

    @Test
    void plainTcpWorksOnlyWhenAllowedAndOnlyToThisMachine() throws Exception {
        PostgresTarget plain = withoutTls.newDatabase("plain_allowed");
        assertThat(plain.tls()).isInstanceOf(PostgresTls.PlainOnThisMachine.class);
        try (JdbcRececonStore store = JdbcRececonStore.postgresql(plain)) {
            store.deliver(RececonStoreContract.entry(1, Fixtures.confirmation("plain-1", 1)));
        }
        assertThat(rows(plain)).isEqualTo(1);

        PostgresTls plainTcp = new PostgresTls.PlainOnThisMachine();
        refusedAs(Reason.PLAIN_TO_ANOTHER_MACHINE, "jdbc:postgresql://db.clinic.example:5432/rececon", plainTcp);
        refusedAs(
                Reason.PLAIN_TO_ANOTHER_MACHINE,
                "jdbc:postgresql://127.0.0.1:5432,db.clinic.example:5432/rececon",
                plainTcp);
    }

    @Test
    void theUrlCannotSwitchTlsOffBehindTheSetting() {
        PostgresTls verified = new PostgresTls.VerifyFull(withTls.serverCaFile());
        for (String url : new String[] {
            "jdbc:postgresql://db.clinic.example/rececon?sslmode=disable",
            "jdbc:postgresql://db.clinic.example/rececon?user=u&ssl=false",
            "jdbc:postgresql://db.clinic.example/rececon?sslfactory=org.postgresql.ssl.NonValidatingFactory"
        }) {
            refusedAs(Reason.TLS_PARAMETER_IN_URL, url, verified);
        }
        refusedAs(
                Reason.CA_FILE_UNREADABLE,
                "jdbc:postgresql://db.clinic.example/rececon",
                new PostgresTls.VerifyFull(dir.resolve("missing-ca.crt")));
    }

    private static void refusedAs(Reason reason, String url, PostgresTls tls) {
        assertThatThrownBy(() -> new PostgresTarget(url, "uketsuke", "", tls))
                .as(url)
                .isInstanceOfSatisfying(
                        PostgresTargetException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void refused(PostgresTarget target) throws Exception {
        try (JdbcRececonStore store = JdbcRececonStore.postgresql(target)) {
            assertThatThrownBy(() -> store.deliver(RececonStoreContract.entry(1, Fixtures.confirmation("refused", 1))))
                    .isInstanceOf(SinkFailure.class);
        }
    }

    /** Rows in the database, looked at over the cluster's own admitted connection. */
    private static long rows(PostgresTarget target) throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select count(*) from information_schema.tables where table_name = 'qualification'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
        }
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from qualification")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
