package org.uketsuke.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.csv.CsvExportSink;
import org.uketsuke.bridge.sink.BatchDelivery;
import org.uketsuke.bridge.sink.ConfirmedEntry;
import org.uketsuke.bridge.sink.DeliveryId;
import org.uketsuke.bridge.sink.DurableSqlite;
import org.uketsuke.bridge.sink.DurableWrites;
import org.uketsuke.bridge.sink.KeptStatements;
import org.uketsuke.bridge.sink.OutboxEntry;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.bridge.sink.RececonSink;
import org.uketsuke.bridge.store.JdbcRececonStore;
import org.uketsuke.bridge.store.StoreDialect;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.ReceivedMessage;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * Exactly-once hand-off of confirmations to the レセコン. A confirmation is first committed to a durable SQLite
 * outbox (WAL, synchronous=FULL) under its idempotency key; {@link #drain()} then delivers it to every sink and
 * records each sink's delivery in the same database (one transaction per page of entries). A crash anywhere leaves either "not delivered" (delivered again
 * on the next drain, and sinks ignore what they already have) or "delivered" — never lost, never doubled.
 */
public final class RececonBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RececonBridge.class);
    /** After this many failed attempts an entry is parked as FAILED (still visible and re-sendable). */
    static final int MAX_ATTEMPTS = 20;

    // The hot queries (EXPLAIN QUERY PLAN: searches of entry_state, no scan of entry; OutboxQueryPlanTest).
    /** At most this many entries are read per pass: a backlog after an outage is worked off in bounded batches. */
    static final int DRAIN_BATCH = 64;

    static final String PENDING_ENTRIES = "select id, idempotency_key, confirmed_at, method, result_xml from entry"
            + " where state = 'PENDING' and id > ? order by id limit " + DRAIN_BATCH;
    static final String ANY_PENDING = "select exists (select 1 from entry where state = 'PENDING')";
    static final String OPEN_STATUSES = "select id, idempotency_key, state, attempts, last_error, confirmed_at"
            + " from entry where state in ('PENDING', 'FAILED') order by id desc limit ";
    static final String DELIVERED_STATUSES = "select id, idempotency_key, state, attempts, last_error, confirmed_at"
            + " from entry where state = 'DELIVERED' order by id desc limit ";

    static final String KEY_LOOKUP = "select id from entry where idempotency_key = ?";
    static final String DELIVERED_SINKS = "select sink from delivery where entry_id = ?";
    static final String DELIVERED_SINKS_OF_PAGE = "select entry_id, sink from delivery where entry_id between ? and ?";

    // What a visit's submit and drain write, kept prepared (KeptStatements).
    static final String INSERT_ENTRY =
            "insert or ignore into entry (idempotency_key, confirmed_at, method, result_xml) values (?,?,?,?)";
    static final String MARK_DELIVERY = "insert or ignore into delivery (entry_id, sink, delivered_at) values (?,?,?)";
    static final String MARK_DELIVERED = "update entry set state = 'DELIVERED', last_error = null where id = ?";
    static final String MARK_FAILED = "update entry set attempts = attempts + 1, last_error = ?,"
            + " state = case when attempts + 1 >= " + MAX_ATTEMPTS + " then 'FAILED' else 'PENDING' end where id = ?";

    private final Connection outbox;
    /** The outbox's hot statements, prepared once (used under this object's monitor, closed before the outbox). */
    private final KeptStatements statements;

    private final List<RececonSink> sinks;
    private final String institutionCode;
    /** The threads the sinks after the first deliver on (one each, started when first needed). */
    private final ExecutorService alongside;

    private RececonBridge(Connection outbox, List<RececonSink> sinks, String institutionCode) throws SQLException {
        this.outbox = outbox;
        this.statements = KeptStatements.of(outbox);
        this.sinks = List.copyOf(sinks);
        this.institutionCode = institutionCode;
        this.alongside = Executors.newFixedThreadPool(
                Math.max(1, sinks.size() - 1),
                Thread.ofPlatform().name("rececon-sink-", 1).daemon().factory());
    }

    public static RececonBridge open(BridgeConfig config) {
        List<RececonSink> sinks = new ArrayList<>();
        try {
            PrivateFiles.createParentFolders(config.outboxDb());
            if (config.sqliteStore() != null) {
                sinks.add(JdbcRececonStore.sqlite(config.sqliteStore()));
            }
            if (config.faceDir() != null) {
                sinks.add(new FaceFolderSink(config.faceDir(), config.medicalInstitutionCode(), config.fileCharset()));
            }
            if (config.postgres() != null) {
                sinks.add(JdbcRececonStore.postgresql(config.postgres()));
            }
            if (config.csvExport() != null) {
                sinks.add(new CsvExportSink(config.csvExport()));
            }
            return open(config.outboxDb(), sinks, config.medicalInstitutionCode());
        } catch (IOException e) {
            sinks.forEach(RececonSink::close);
            throw new UncheckedIOException("cannot prepare the レセコン sinks", e);
        } catch (SQLException e) {
            sinks.forEach(RececonSink::close);
            throw new IllegalStateException("cannot open the レセコン store: " + e.getMessage(), e);
        }
    }

    /** A bridge over any sinks. */
    public static RececonBridge open(Path outboxDb, List<RececonSink> sinks, String institutionCode) {
        try {
            // The worker's and the console's queries go through (state, id): their cost follows the undelivered
            // entries, not the history.
            Connection db = DurableSqlite.open(
                    outboxDb,
                    "create table if not exists entry ("
                            + " id integer primary key autoincrement, idempotency_key text not null unique,"
                            + " confirmed_at text not null, method text not null, result_xml blob not null,"
                            + " state text not null default 'PENDING', attempts integer not null default 0,"
                            + " last_error text)",
                    "create table if not exists delivery ("
                            + " entry_id integer not null references entry(id), sink text not null,"
                            + " delivered_at text not null, primary key (entry_id, sink))",
                    "create index if not exists entry_state on entry (state, id)");
            return new RececonBridge(db, sinks, institutionCode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the outbox " + outboxDb + " private: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the outbox " + outboxDb + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits the confirmation to the outbox; submitting the same key again returns the same id and adds nothing. The
     * outbox keeps the result message as the system sent it; only a confirmation that came without one (training, a
     * simulator) gets a message written from the model.
     */
    public DeliveryId submit(Confirmation confirmation) {
        return submitAll(List.of(confirmation)).getFirst();
    }

    /**
     * Commits several confirmations in one outbox transaction (one commit, one fsync: a 一括照会's results), each as
     * {@link #submit} would; all of them or, should the commit fail, none. Returns their ids in order.
     */
    public synchronized List<DeliveryId> submitAll(List<Confirmation> confirmations) {
        return inTransaction("the outbox could not take the confirmation", () -> {
            List<DeliveryId> ids = new ArrayList<>();
            for (Confirmation confirmation : confirmations) {
                statements.use(INSERT_ENTRY, insert -> {
                    insert.setString(1, confirmation.idempotencyKey());
                    insert.setString(2, confirmation.confirmedAt().toString());
                    insert.setString(3, confirmation.method().name());
                    insert.setBytes(4, resultXml(confirmation));
                    return insert.executeUpdate();
                });
                ids.add(statements.use(KEY_LOOKUP, find -> {
                    find.setString(1, confirmation.idempotencyKey());
                    try (ResultSet rs = find.executeQuery()) {
                        rs.next();
                        return new DeliveryId(rs.getLong(1));
                    }
                }));
            }
            return ids;
        });
    }

    @FunctionalInterface
    private interface OutboxWork<T> {
        T run() throws SQLException;
    }

    /** {@code work} in one outbox transaction: committed, or rolled back and its failure reported as {@code what}. */
    private <T> T inTransaction(String what, OutboxWork<T> work) {
        try {
            outbox.setAutoCommit(false);
            try {
                T result = work.run();
                outbox.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                outbox.rollback();
                throw e;
            } finally {
                outbox.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }

    private byte[] resultXml(Confirmation confirmation) {
        return confirmation
                .result()
                .received()
                .map(ReceivedMessage::bytes)
                .orElseGet(() -> QualificationXml.write(ResultMessage.confirmed(
                                confirmation.result().processingTime(),
                                institutionCode,
                                confirmation.idempotencyKey(),
                                confirmation.result().qualification(),
                                confirmation.result().notice())
                        .withReferenceClassification(
                                confirmation.method() == IdentityMethod.INSURANCE_NUMBER ? "2" : "1")));
    }

    /**
     * The database store the staff console reads for its consistency check: the shared PostgreSQL store when there is
     * one, else the local SQLite store.
     */
    public Optional<JdbcRececonStore> databaseStore() {
        return sinks.stream()
                .filter(JdbcRececonStore.class::isInstance)
                .map(JdbcRececonStore.class::cast)
                .max(Comparator.comparing(s -> s.dialect() == StoreDialect.POSTGRESQL));
    }

    /**
     * Delivers every pending entry to every sink that does not have it yet, a page of up to {@link #DRAIN_BATCH}
     * entries at a time: each sink takes the page's entries it lacks at once ({@link RececonSink#deliverAll}: one
     * transaction, one folder sync), then one outbox transaction records what each sink took and each entry's state.
     * Returns how many became delivered.
     */
    public synchronized int drain() {
        int delivered = 0;
        long after = 0;
        for (List<OutboxEntry> page = pending(after); !page.isEmpty(); page = pending(after)) {
            delivered += deliver(page);
            after = page.getLast().id().value();
        }
        return delivered;
    }

    /**
     * One page to every sink that lacks its entries; returns how many entries are now delivered everywhere. The sinks
     * deliver at the same time (the first on this thread, the others on {@link #alongside}): a visit waits for its
     * slowest sink, not for the sum of them (the store's commit and the face file's fsyncs overlap). What they took is
     * recorded only once all of them have answered, as before.
     */
    private int deliver(List<OutboxEntry> page) {
        Map<DeliveryId, Set<String>> done = deliveredSinks(page);
        List<List<OutboxEntry>> lacking = sinks.stream()
                .map(sink -> page.stream()
                        .filter(entry -> !done.get(entry.id()).contains(sink.name()))
                        .toList())
                .toList();
        if (sinks.size() > 1) {
            // Read once here rather than by whichever sink asks first while the others wait on the entry.
            lacking.stream().flatMap(List::stream).distinct().forEach(ConfirmedEntry::readAhead);
        }
        List<CompletableFuture<DurableWrites.Counted<BatchDelivery>>> besides = new ArrayList<>();
        for (int i = 1; i < sinks.size(); i++) {
            RececonSink sink = sinks.get(i);
            List<OutboxEntry> entries = lacking.get(i);
            besides.add(CompletableFuture.supplyAsync(
                    () -> DurableWrites.counted(() -> deliverTo(sink, entries)), alongside));
        }
        List<BatchDelivery> results = new ArrayList<>();
        if (!sinks.isEmpty()) {
            results.add(deliverTo(sinks.getFirst(), lacking.getFirst()));
        }
        for (CompletableFuture<DurableWrites.Counted<BatchDelivery>> other : besides) {
            DurableWrites.Counted<BatchDelivery> delivered = other.join();
            DurableWrites.credit(delivered.writes());
            results.add(delivered.value());
        }
        Map<DeliveryId, Set<String>> taken = new LinkedHashMap<>();
        Map<DeliveryId, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < sinks.size(); i++) {
            String sink = sinks.get(i).name();
            for (DeliveryId id : results.get(i).delivered()) {
                done.get(id).add(sink);
                taken.computeIfAbsent(id, k -> new HashSet<>()).add(sink);
            }
            results.get(i).failed().forEach((id, e) -> {
                errors.put(id, sink + ": " + e.getMessage());
                log.warn("delivery of entry {} to {} failed: {}", id.value(), sink, e.toString());
            });
        }
        record(page, taken, errors);
        return (int)
                page.stream().filter(entry -> !errors.containsKey(entry.id())).count();
    }

    private static BatchDelivery deliverTo(RececonSink sink, List<OutboxEntry> lacking) {
        if (lacking.isEmpty()) {
            return new BatchDelivery(Set.of(), Map.of());
        }
        try {
            return sink.deliverAll(lacking);
        } catch (RuntimeException e) {
            return BatchDelivery.allFailed(lacking, e);
        }
    }

    /**
     * What the sinks took and each entry's new state, in one transaction. It is committed without waiting for the
     * disk ({@code synchronous=NORMAL}, WAL): after a power loss it may be missing (never torn; the next durable commit
     * makes it durable with everything before it), and then the next drain delivers those entries again, which each
     * sink ignores by key. Only the submit, which acknowledges a confirmation, must be on disk when it returns.
     */
    private void record(List<OutboxEntry> page, Map<DeliveryId, Set<String>> taken, Map<DeliveryId, String> errors) {
        String now = Instant.now().toString();
        synchronousMode("NORMAL");
        try {
            inTransaction("the outbox could not record deliveries", () -> {
                statements.use(MARK_DELIVERY, mark -> {
                    for (Map.Entry<DeliveryId, Set<String>> entry : taken.entrySet()) {
                        for (String sink : entry.getValue()) {
                            mark.setLong(1, entry.getKey().value());
                            mark.setString(2, sink);
                            mark.setString(3, now);
                            mark.addBatch();
                        }
                    }
                    return mark.executeBatch();
                });
                statements.use(MARK_DELIVERED, delivered -> {
                    for (OutboxEntry entry : page) {
                        if (!errors.containsKey(entry.id())) {
                            delivered.setLong(1, entry.id().value());
                            delivered.addBatch();
                        }
                    }
                    return delivered.executeBatch();
                });
                if (!errors.isEmpty()) {
                    statements.use(MARK_FAILED, failed -> {
                        for (OutboxEntry entry : page) {
                            String error = errors.get(entry.id());
                            if (error != null) {
                                failed.setString(1, error);
                                failed.setLong(2, entry.id().value());
                                failed.addBatch();
                            }
                        }
                        return failed.executeBatch();
                    });
                }
                return null;
            });
        } finally {
            synchronousMode("FULL");
        }
    }

    private void synchronousMode(String mode) {
        try (Statement pragma = outbox.createStatement()) {
            pragma.execute("pragma synchronous=" + mode);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the outbox's synchronous mode: " + e.getMessage(), e);
        }
    }

    /** How many statements the outbox has prepared since it opened (tests: the hot ones once, not per visit). */
    synchronized long statementsPrepared() {
        return statements.prepared();
    }

    /** Whether an entry still waits for a sink: what the delivery worker asks after each drain (indexed, not a scan). */
    public synchronized boolean hasPending() {
        try {
            return statements.use(ANY_PENDING, q -> {
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes the entries delivered to every sink and confirmed before {@code cutoff} (the retention period; parked
     * and pending ones are kept however old). Returns how many went.
     */
    public synchronized int purgeDelivered(Instant cutoff) {
        String old = "select id from entry where state = 'DELIVERED' and confirmed_at < ?";
        return inTransaction("cannot purge the outbox", () -> {
            try (PreparedStatement deliveries =
                            outbox.prepareStatement("delete from delivery where entry_id in (" + old + ")");
                    PreparedStatement entries =
                            outbox.prepareStatement("delete from entry where id in (" + old + ")")) {
                deliveries.setString(1, cutoff.toString());
                deliveries.executeUpdate();
                entries.setString(1, cutoff.toString());
                return entries.executeUpdate();
            }
        });
    }

    /** Puts a parked entry back in the queue (staff pressed re-send). */
    public synchronized void retry(DeliveryId id) {
        try (PreparedStatement update = outbox.prepareStatement(
                "update entry set state = 'PENDING', attempts = 0 where id = ? and state = 'FAILED'")) {
            update.setLong(1, id.value());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized List<DeliveryStatus> statuses() {
        return statuses("select id, idempotency_key, state, attempts, last_error, confirmed_at from entry order by id");
    }

    /**
     * What the staff console lists: every entry not yet delivered (however old), then the newest delivered ones, at
     * most {@code limit} rows in all, newest first.
     */
    public synchronized List<DeliveryStatus> recentStatuses(int limit) {
        List<DeliveryStatus> open = statuses(OPEN_STATUSES + Math.max(0, limit));
        List<DeliveryStatus> delivered = statuses(DELIVERED_STATUSES + Math.max(0, limit - open.size()));
        List<DeliveryStatus> all = new ArrayList<>(open);
        all.addAll(delivered);
        all.sort(Comparator.comparingLong((DeliveryStatus s) -> s.id().value()).reversed());
        return all;
    }

    private List<DeliveryStatus> statuses(String sql) {
        List<DeliveryStatus> statuses = new ArrayList<>();
        try (ResultSet rs = outbox.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                DeliveryId id = new DeliveryId(rs.getLong(1));
                Set<String> done = deliveredSinks(id);
                Map<String, Boolean> perSink = new LinkedHashMap<>();
                sinks.forEach(sink -> perSink.put(sink.name(), done.contains(sink.name())));
                statuses.add(new DeliveryStatus(
                        id,
                        rs.getString(2),
                        DeliveryStatus.State.valueOf(rs.getString(3)),
                        rs.getInt(4),
                        rs.getString(5),
                        perSink,
                        Instant.parse(rs.getString(6))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statuses;
    }

    private List<OutboxEntry> pending(long after) {
        List<OutboxEntry> entries = new ArrayList<>();
        try {
            statements.use(PENDING_ENTRIES, q -> {
                q.setLong(1, after);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new OutboxEntry(
                                new DeliveryId(rs.getLong(1)),
                                rs.getString(2),
                                Instant.parse(rs.getString(3)),
                                IdentityMethod.valueOf(rs.getString(4)),
                                rs.getBytes(5)));
                    }
                }
                return entries;
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }

    private Set<String> deliveredSinks(DeliveryId id) {
        Set<String> done = new HashSet<>();
        try {
            statements.use(DELIVERED_SINKS, q -> {
                q.setLong(1, id.value());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        done.add(rs.getString(1));
                    }
                }
                return done;
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    /** The sinks that hold each entry of a page (ids ascending), in one search of the delivery key. */
    private Map<DeliveryId, Set<String>> deliveredSinks(List<OutboxEntry> page) {
        Map<DeliveryId, Set<String>> done = new HashMap<>();
        page.forEach(entry -> done.put(entry.id(), new HashSet<>()));
        try {
            statements.use(DELIVERED_SINKS_OF_PAGE, q -> {
                q.setLong(1, page.getFirst().id().value());
                q.setLong(2, page.getLast().id().value());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        Set<String> sinksOfEntry = done.get(new DeliveryId(rs.getLong(1)));
                        if (sinksOfEntry != null) {
                            sinksOfEntry.add(rs.getString(2));
                        }
                    }
                }
                return done;
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    @Override
    public synchronized void close() {
        alongside.shutdown();
        sinks.forEach(RececonSink::close);
        statements.close();
        try {
            outbox.close();
        } catch (SQLException e) {
            // closing
        }
    }
}
