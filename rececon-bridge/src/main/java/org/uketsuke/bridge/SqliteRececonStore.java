package org.uketsuke.bridge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.QualificationXml;

/**
 * The レセコン-side SQLite store: table {@code qualification}, one row per confirmation, keyed by the idempotency key
 * so a redelivery after a crash is ignored instead of doubled.
 */
public final class SqliteRececonStore implements RececonSink {

    private final Connection db;

    public SqliteRececonStore(Path file) throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            s.execute("pragma journal_mode=WAL");
            s.execute("pragma synchronous=FULL");
            s.execute("pragma busy_timeout=5000");
            s.execute("create table if not exists qualification ("
                    + " idempotency_key text primary key, confirmed_at text not null, method text not null,"
                    + " insurer_number text not null, insurer_name text not null, symbol text not null,"
                    + " number text not null, branch text not null, name text not null, name_kana text not null,"
                    + " birthdate text not null, sex text not null, personal_family text not null,"
                    + " contribution_ratio text not null, processing_time text not null, result_xml text not null)");
        }
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public synchronized void deliver(OutboxEntry entry) throws Exception {
        if (!(QualificationXml.parseResult(entry.resultXml()).toOutcome() instanceof ConfirmationOutcome.Confirmed confirmed)) {
            throw new SinkFailure("entry " + entry.id().value() + " holds no confirmed qualification", null);
        }
        Qualification q = confirmed.qualification();
        try (PreparedStatement insert = db.prepareStatement(
                "insert or ignore into qualification values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, entry.idempotencyKey());
            insert.setString(2, entry.confirmedAt().toString());
            insert.setString(3, entry.method().name());
            insert.setString(4, q.card().insurer().value());
            insert.setString(5, q.insurerName());
            insert.setString(6, q.card().symbol());
            insert.setString(7, q.card().number());
            insert.setString(8, q.card().branch());
            insert.setString(9, q.name());
            insert.setString(10, q.nameKana());
            insert.setString(11, q.birthdate().toString());
            insert.setString(12, q.sex().code());
            insert.setString(13, q.personalFamily().code());
            insert.setString(14, q.contributionRatio().wire());
            insert.setString(15, confirmed.processingTime());
            insert.setString(16, new String(entry.resultXml(), StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing
        }
    }
}
