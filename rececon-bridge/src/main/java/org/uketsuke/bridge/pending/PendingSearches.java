package org.uketsuke.bridge.pending;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.sink.DurableSqlite;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;

/**
 * Confirmations by insurance number that could not be made because the qualification system was unreachable, kept
 * durably (SQLite, WAL, synchronous=FULL) and asked again until the system answers. A confirmed one goes into the
 * レセコン outbox under the search's own {@code ArbitraryFileIdentifier}, so a crash between the answer and the
 * bookkeeping asks once more but never stores twice. (A card visit cannot wait like this: its signature is over a
 * single-use nonce of the system; at the counter the staff confirm such a patient by insurance number.)
 */
public final class PendingSearches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PendingSearches.class);

    /** How a waiting search ended, or that it still waits. */
    public sealed interface Settled {
        InsuranceSearch search();

        record Confirmed(InsuranceSearch search, ConfirmationOutcome.Confirmed outcome) implements Settled {}

        record Rejected(InsuranceSearch search, RejectionReason reason) implements Settled {}
    }

    /** One search still waiting, for the staff's list. */
    public record Waiting(long id, InsuranceSearch search, Instant queuedAt, int attempts, String lastError) {}

    private final Connection db;

    private PendingSearches(Connection db) {
        this.db = db;
    }

    public static PendingSearches open(Path file) {
        try {
            Connection db = DurableSqlite.open(
                    file,
                    "create table if not exists pending (id integer primary key autoincrement,"
                            + " file_id text not null unique, insurer_number text not null, symbol text not null,"
                            + " number text not null, branch text not null, birthdate text not null,"
                            + " limit_consent integer not null, queued_at text not null,"
                            + " attempts integer not null default 0,"
                            + " last_error text, state text not null default 'WAITING', rejection text)");
            return new PendingSearches(db);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(
                    "cannot open the pending-confirmation queue " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keeps a search for later; its ArbitraryFileIdentifier (required) is its key: queueing it twice keeps one. */
    public synchronized void enqueue(InsuranceSearch search, Instant at, String reason) {
        if (search.arbitraryIdentifier().isEmpty()) {
            throw new IllegalArgumentException("a queued search needs its ArbitraryFileIdentifier");
        }
        try (PreparedStatement insert = db.prepareStatement(
                "insert or ignore into pending (file_id, insurer_number, symbol,"
                        + " number, branch, birthdate, limit_consent, queued_at, last_error) values (?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, search.arbitraryIdentifier());
            insert.setString(2, search.card().insurer().value());
            insert.setString(3, search.card().symbol());
            insert.setString(4, search.card().number());
            insert.setString(5, search.card().branch());
            insert.setString(6, search.birthdate().toString());
            insert.setInt(7, search.limitConsent() ? 1 : 0);
            insert.setString(8, at.toString());
            insert.setString(9, reason);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the pending queue could not take the search: " + e.getMessage(), e);
        }
    }

    public synchronized List<Waiting> waiting() {
        List<Waiting> waiting = new ArrayList<>();
        try (ResultSet rs = db.createStatement()
                .executeQuery(
                        "select id, file_id, insurer_number, symbol, number, branch,"
                                + " birthdate, limit_consent, queued_at, attempts, last_error from pending where state = 'WAITING' order by id")) {
            while (rs.next()) {
                waiting.add(new Waiting(
                        rs.getLong(1), search(rs), Instant.parse(rs.getString(9)), rs.getInt(10), rs.getString(11)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return waiting;
    }

    /**
     * Asks the system again for every waiting search, oldest first, and stops at the first that is still unavailable
     * (the line is down: no point hammering it). Confirmed ones go to the bridge's outbox.
     */
    public synchronized List<Settled> retry(EligibilityClient backend, RececonBridge bridge, Clock clock) {
        List<Settled> settled = new ArrayList<>();
        for (Waiting waiting : waiting()) {
            switch (backend.confirmByInsurance(waiting.search())) {
                case ConfirmationOutcome.Confirmed confirmed -> {
                    bridge.submit(new Confirmation(
                            waiting.search().arbitraryIdentifier(),
                            clock.instant(),
                            IdentityMethod.INSURANCE_NUMBER,
                            confirmed));
                    finish(waiting.id(), "CONFIRMED", null);
                    settled.add(new Settled.Confirmed(waiting.search(), confirmed));
                }
                case ConfirmationOutcome.Rejected rejected -> {
                    finish(waiting.id(), "REJECTED", rejected.reason().name());
                    settled.add(new Settled.Rejected(waiting.search(), rejected.reason()));
                }
                case Unavailable unavailable -> {
                    attempt(waiting.id(), unavailable.reason() + ": " + unavailable.diagnostic());
                    log.debug("pending search {} still waits: {}", waiting.id(), unavailable.reason());
                    return settled;
                }
            }
        }
        return settled;
    }

    private void finish(long id, String state, String rejection) {
        try (PreparedStatement update = db.prepareStatement(
                "update pending set state = ?, rejection = ?, attempts = attempts + 1 where id = ?")) {
            update.setString(1, state);
            update.setString(2, rejection);
            update.setLong(3, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void attempt(long id, String error) {
        try (PreparedStatement update =
                db.prepareStatement("update pending set attempts = attempts + 1, last_error = ? where id = ?")) {
            update.setString(1, error);
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InsuranceSearch search(ResultSet rs) throws SQLException {
        return new InsuranceSearch(
                new InsuranceCardId(
                        InsurerNumber.of(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6)),
                LocalDate.parse(rs.getString(7)),
                rs.getInt(8) == 1,
                rs.getString(2));
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
