package org.uketsuke.folders.face;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.uketsuke.bridge.sink.DurableSqlite;

/**
 * What the importer has done with each face file's content, remembered across restarts (SQLite, WAL,
 * {@code synchronous=FULL}): keyed by the SHA-256 of the bytes, so the same result under a second name is known as a
 * duplicate. Only a memory, never the guarantee: the outbox's idempotency key is what makes an import happen once
 * when the process dies between handing a file to the outbox and writing its line here.
 */
final class ImportLedger implements AutoCloseable {

    /** What became of one file content. */
    enum State {
        /** Handed to the outbox as a confirmation. */
        IMPORTED,
        /** A result that confirms nothing (no qualification, an error answer): remembered, not delivered. */
        NOT_CONFIRMED,
        /** Could not be read as a result message: set aside with its reason, staff alerted. */
        SET_ASIDE
    }

    /** One remembered file content. */
    record Line(String sha256, String fileName, State state, String idempotencyKey, String reason) {}

    private final Connection db;

    private ImportLedger(Connection db) {
        this.db = db;
    }

    static ImportLedger open(Path file) {
        try {
            Connection db = DurableSqlite.open(
                    file,
                    "create table if not exists face_file (sha256 text primary key, file_name text not null,"
                            + " state text not null, idempotency_key text, reason text, recorded_at text not null)");
            return new ImportLedger(db);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the face import ledger " + file + " private", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the face import ledger " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized Optional<Line> find(String sha256) {
        try (PreparedStatement find = db.prepareStatement(
                "select file_name, state, idempotency_key, reason from face_file where sha256 = ?")) {
            find.setString(1, sha256);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Line(
                                sha256,
                                rs.getString(1),
                                State.valueOf(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the face import ledger cannot be read: " + e.getMessage(), e);
        }
    }

    synchronized void record(Line line, Instant at) {
        try (PreparedStatement insert = db.prepareStatement("insert or ignore into face_file"
                + " (sha256, file_name, state, idempotency_key, reason, recorded_at) values (?,?,?,?,?,?)")) {
            insert.setString(1, line.sha256());
            insert.setString(2, line.fileName());
            insert.setString(3, line.state().name());
            insert.setString(4, line.idempotencyKey());
            insert.setString(5, line.reason());
            insert.setString(6, at.toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the face import ledger cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the face import ledger: " + e.getMessage(), e);
        }
    }
}
