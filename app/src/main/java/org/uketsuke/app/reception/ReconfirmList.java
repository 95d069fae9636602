package org.uketsuke.app.reception;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.bridge.sink.DurableSqlite;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;

/**
 * The staff's "to re-confirm" list (要再確認): kiosk visits whose qualification could not be confirmed for a reason
 * {@link FailureGuide#reconfirm()} marks (資格無効, 資格情報なし, an unusable certificate, the system down). The staff
 * record which document the patient showed — the マイナポータル screen or 資格情報のお知らせ with the card, a 資格確認書,
 * or a 被保険者資格申立書 (docs/spec-notes/failures.md) — and its insurance; the list then asks the system by insurance
 * number now and once on each later day until the qualification appears. A confirmed answer goes to the レセコン store
 * like any staff lookup and the entry is marked confirmed; until then the visit is never billed at 10割 by default.
 * Durable (a private SQLite file): a restart keeps the list and its insurance.
 */
public final class ReconfirmList implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReconfirmList.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** What the patient showed instead of a confirmed card result. */
    public enum Evidence {
        /** The マイナポータル screen of their qualification, with the card. */
        MYNA_PORTAL_SCREEN,
        /** The 資格情報のお知らせ from the insurer, with the card. */
        QUALIFICATION_NOTICE,
        /** A 資格確認書 (confirmed online like an insurance card). */
        QUALIFICATION_CERTIFICATE,
        /** Neither: the patient filled in a 被保険者資格申立書. */
        SELF_DECLARATION
    }

    /** Where an entry stands. */
    public enum State {
        /** The staff have not yet recorded the document and insurance. */
        NEEDS_DOCUMENT,
        /** Asked by insurance number once a day until the qualification appears. */
        WAITING,
        /** The qualification appeared; the レセコン has the confirmed result. */
        CONFIRMED
    }

    /**
     * One visit on the list.
     *
     * @param lastProblem why the last query did not confirm (empty before the first)
     */
    public record Entry(
            long id,
            Instant visitAt,
            Problem problem,
            State state,
            Optional<Evidence> evidence,
            Optional<InsuranceSearch> search,
            int attempts,
            Optional<LocalDate> lastTried,
            Optional<Problem> lastProblem) {}

    private final Connection db;
    private final Function<InsuranceSearch, ReceptionRecord> lookup;
    private final Clock clock;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReceptionRecord>> recordListeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    private ReconfirmList(Connection db, Function<InsuranceSearch, ReceptionRecord> lookup, Clock clock) {
        this.db = db;
        this.lookup = lookup;
        this.clock = clock;
    }

    /** @param lookup a staff lookup by insurance number (audited, its confirmed results delivered to the レセコン) */
    public static ReconfirmList open(Path file, Function<InsuranceSearch, ReceptionRecord> lookup, Clock clock) {
        try {
            return new ReconfirmList(
                    DurableSqlite.open(
                            file,
                            "create table if not exists reconfirm (id integer primary key autoincrement,"
                                    + " visit_at text not null, problem text not null,"
                                    + " state text not null default 'NEEDS_DOCUMENT', evidence text,"
                                    + " insurer_number text, symbol text, number text, branch text, birthdate text,"
                                    + " attempts integer not null default 0, last_tried text, last_problem text)"),
                    lookup,
                    clock);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot open the re-confirm list " + file + ": " + e.getMessage(), e);
        }
    }

    /** Changes of the list (an entry added, documented, tried), on the thread that made them. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Each query's reception record (the staff history shows it), on the thread that made it. */
    public void onRecord(Consumer<ReceptionRecord> listener) {
        recordListeners.add(listener);
    }

    /** Puts a kiosk visit on the list if its problem asks for it; a staff lookup's row is never added. */
    public void add(ReceptionRecord record) {
        Optional<Problem> problem =
                record.problem().filter(p -> FailureGuide.of(p).reconfirm());
        if (problem.isEmpty() || record.method().orElse(null) == IdentityMethod.INSURANCE_NUMBER) {
            return;
        }
        update(
                "insert into reconfirm (visit_at, problem) values (?, ?)",
                record.at().toString(),
                problem.get().name());
    }

    /**
     * The staff's record of what the patient showed and the insurance on it; the entry waits for the qualification
     * from now on (call {@link #tryNow} to ask at once).
     */
    public void document(long id, Evidence evidence, InsuranceCardId card, LocalDate birthdate) {
        update(
                "update reconfirm set evidence = ?, insurer_number = ?, symbol = ?, number = ?, branch = ?,"
                        + " birthdate = ?, state = 'WAITING' where id = ? and state != 'CONFIRMED'",
                evidence.name(),
                card.insurer().value(),
                card.symbol(),
                card.number(),
                card.branch(),
                birthdate.toString(),
                Long.toString(id));
    }

    /** Asks the system for one documented entry now; empty when it is not waiting. Blocking; off the FX thread. */
    public synchronized Optional<ReceptionRecord> tryNow(long id) {
        Optional<Entry> entry = entries().stream()
                .filter(e -> e.id() == id && e.state() == State.WAITING)
                .findFirst();
        return entry.map(this::ask);
    }

    /**
     * Asks once for every waiting entry not yet asked today (Japan's calendar), oldest first; stops when the system is
     * unreachable. Blocking; the timer of {@link #start} calls it.
     */
    public synchronized List<ReceptionRecord> runDue() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), JAPAN);
        List<ReceptionRecord> asked = new ArrayList<>();
        for (Entry entry : entries()) {
            if (entry.state() != State.WAITING
                    || entry.lastTried().map(d -> !d.isBefore(today)).orElse(false)) {
                continue;
            }
            ReceptionRecord record = ask(entry);
            asked.add(record);
            if (record.problem()
                    .map(p -> FailureGuide.of(p) == FailureGuide.WAIT_FOR_SYSTEM
                            || FailureGuide.of(p) == FailureGuide.CONFIRM_BY_INSURANCE_NUMBER)
                    .orElse(false)) {
                break;
            }
        }
        return asked;
    }

    private ReceptionRecord ask(Entry entry) {
        InsuranceSearch search = entry.search().orElseThrow();
        ReceptionRecord record = lookup.apply(search);
        String today = LocalDate.ofInstant(clock.instant(), JAPAN).toString();
        if (record.problem().isEmpty()) {
            update(
                    "update reconfirm set state = 'CONFIRMED', attempts = attempts + 1, last_tried = ?,"
                            + " last_problem = null where id = ?",
                    today,
                    Long.toString(entry.id()));
        } else {
            update(
                    "update reconfirm set attempts = attempts + 1, last_tried = ?, last_problem = ? where id = ?",
                    today,
                    record.problem().get().name(),
                    Long.toString(entry.id()));
        }
        recordListeners.forEach(listener -> listener.accept(record));
        return record;
    }

    /** Every entry, newest visit first. */
    public synchronized List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rs = db.createStatement()
                .executeQuery("select id, visit_at, problem, state, evidence, insurer_number, symbol, number, branch,"
                        + " birthdate, attempts, last_tried, last_problem from reconfirm order by id desc")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                Optional<InsuranceSearch> search = Optional.ofNullable(rs.getString(6))
                        .map(insurer -> {
                            try {
                                return new InsuranceSearch(
                                        new InsuranceCardId(
                                                InsurerNumber.of(insurer),
                                                rs.getString(7),
                                                rs.getString(8),
                                                rs.getString(9)),
                                        LocalDate.parse(rs.getString(10)),
                                        true,
                                        "reconfirm-" + id);
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                entries.add(new Entry(
                        id,
                        Instant.parse(rs.getString(2)),
                        Problem.valueOf(rs.getString(3)),
                        State.valueOf(rs.getString(4)),
                        Optional.ofNullable(rs.getString(5)).map(Evidence::valueOf),
                        search,
                        rs.getInt(11),
                        Optional.ofNullable(rs.getString(12)).map(LocalDate::parse),
                        Optional.ofNullable(rs.getString(13)).map(Problem::valueOf)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the re-confirm list could not be read: " + e.getMessage(), e);
        }
        return entries;
    }

    private synchronized void update(String sql, String... values) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the re-confirm list could not be written: " + e.getMessage(), e);
        }
        changeListeners.forEach(Runnable::run);
    }

    /** Checks for due entries every {@code every} (the first check right away), on a thread of its own. */
    public synchronized ReconfirmList start(Duration every) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("reconfirm").daemon().factory());
            var _ = timer.scheduleWithFixedDelay(
                    () -> {
                        try {
                            runDue();
                        } catch (RuntimeException e) {
                            log.warn("re-confirm run failed", e);
                        }
                    },
                    0,
                    every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("closing the re-confirm list", e);
        }
    }
}
