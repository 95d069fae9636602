package org.uketsuke.bridge.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.sink.BatchDelivery;
import org.uketsuke.bridge.sink.ConfirmedEntry;
import org.uketsuke.bridge.sink.DeliveryId;
import org.uketsuke.bridge.sink.DurableWrites;
import org.uketsuke.bridge.sink.KeptStatements;
import org.uketsuke.bridge.sink.OutboxEntry;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.bridge.sink.RececonSink;
import org.uketsuke.bridge.sink.SinkFailure;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.SpecificDiseaseCertificate;
import org.uketsuke.eligibility.wire.ResultBytes;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * The レセコン's database store, SQLite (one terminal, the default) or PostgreSQL (several terminals sharing one
 * store). Schema: docs/rececon-integration.md; versioned by {@link SchemaMigrations}.
 *
 * <p>One delivery is one transaction (a batch of them too, {@link #deliverAll}): the confirmation row goes in under its idempotency key ({@code on conflict do
 * nothing}); only when it is new do its 公費 and 特定疾病 rows follow and the patient's {@code insurance} row get
 * upserted — and only from a confirmation at least as new as the one it holds. A redelivery, from this terminal after
 * a crash or racing from another, therefore changes nothing. A lost connection (database down) fails the delivery,
 * which stays pending in the outbox; the next attempt reconnects.
 */
public final class JdbcRececonStore implements RececonSink {

    private static final Logger log = LoggerFactory.getLogger(JdbcRececonStore.class);

    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** The consistency check's lookup, through insurance_by_birthdate (RececonStoreQueryPlanTest). */
    static final String INSURANCES_OF = "select insurer_number, symbol, number, branch, name_kana,"
            + " contribution_ratio, personal_family, last_idempotency_key, name, reference_number from insurance"
            + " where birthdate = ?"
            + " order by last_confirmed_at desc";

    // A delivery's statements (kept prepared on SQLite: KeptStatements).
    static final String INSERT_CONFIRMATION = "insert into qualification (idempotency_key, confirmed_at,"
            + " method, insurer_number, insurer_name, symbol, number, branch, name, name_kana, birthdate, sex,"
            + " personal_family, contribution_ratio, processing_time, result_xml, reference_classification,"
            + " qualification_date, elderly_ratio, limit_classification, limit_category, limit_valid_start,"
            + " limit_valid_end, reference_number) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " on conflict (idempotency_key) do nothing";
    static final String INSERT_PUBLIC_EXPENSE = "insert into public_expense (idempotency_key, seq,"
            + " payer_number, recipient_number, valid_start, valid_end) values (?,?,?,?,?,?)";
    static final String INSERT_SPECIFIC_DISEASE = "insert into specific_disease (idempotency_key, seq,"
            + " disease_code, valid_start, valid_end, self_pay_yen) values (?,?,?,?,?,?)";
    static final String UPSERT_INSURANCE = "insert into insurance (insurer_number, symbol, number, branch,"
            + " birthdate, name, name_kana, sex, personal_family, contribution_ratio, insurer_name, qualification_date,"
            + " elderly_ratio, limit_category, last_confirmed_at, last_method, last_idempotency_key, reference_number)"
            + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " on conflict (insurer_number, symbol, number, branch, birthdate) do update set"
            + " name = excluded.name, name_kana = excluded.name_kana, sex = excluded.sex,"
            + " personal_family = excluded.personal_family, contribution_ratio = excluded.contribution_ratio,"
            + " insurer_name = excluded.insurer_name, qualification_date = excluded.qualification_date,"
            + " elderly_ratio = excluded.elderly_ratio, limit_category = excluded.limit_category,"
            + " last_confirmed_at = excluded.last_confirmed_at, last_method = excluded.last_method,"
            + " last_idempotency_key = excluded.last_idempotency_key,"
            + " reference_number = coalesce(excluded.reference_number, insurance.reference_number)"
            + " where excluded.last_confirmed_at >= insurance.last_confirmed_at";

    private final StoreDialect dialect;
    private final ConnectionSource source;
    private final String description;
    private Connection connection;
    /** The open connection's delivery statements; closed with it, made anew with the next one. */
    private KeptStatements statements;
    /** Statements prepared on connections closed since (tests: {@link #statementsPrepared}). */
    private long preparedBefore;

    private JdbcRececonStore(StoreDialect dialect, ConnectionSource source, String description) {
        this.dialect = dialect;
        this.source = source;
        this.description = description;
    }

    /** A local SQLite file; created and migrated now, so a wrong path fails at start, not at the first patient. */
    public static JdbcRececonStore sqlite(Path file) throws SQLException {
        try {
            PrivateFiles.prepareDatabase(file);
            JdbcRececonStore store = new JdbcRececonStore(
                    StoreDialect.SQLITE, () -> DriverManager.getConnection("jdbc:sqlite:" + file), file.toString());
            store.connection();
            PrivateFiles.restrictDatabase(file);
            return store;
        } catch (IOException e) {
            throw new SQLException("cannot make the store " + file + " private to the terminal: " + e.getMessage(), e);
        }
    }

    /**
     * A shared PostgreSQL store. A server that is down now does not stop the terminal: deliveries stay pending until it
     * answers (connect timeout 5 s, socket timeout 15 s, so a dead server never hangs the delivery worker). A server
     * that fails the TLS check (no TLS, a certificate from another CA, another host name) is never written to.
     */
    public static JdbcRececonStore postgresql(PostgresTarget target) {
        Properties properties = target.connectionProperties();
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "15");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "uketsuke");
        JdbcRececonStore store = new JdbcRececonStore(
                StoreDialect.POSTGRESQL,
                () -> DriverManager.getConnection(target.jdbcUrl(), properties),
                target.toString());
        try {
            store.connection();
        } catch (SQLException e) {
            log.warn(
                    "the PostgreSQL レセコン store {} does not answer yet ({}); deliveries wait in the outbox",
                    target,
                    e.getMessage());
        }
        return store;
    }

    public StoreDialect dialect() {
        return dialect;
    }

    @Override
    public String name() {
        return dialect == StoreDialect.SQLITE ? "sqlite" : "postgresql";
    }

    @Override
    public synchronized void deliver(OutboxEntry entry) throws SinkFailure {
        ConfirmedEntry read = ConfirmedEntry.of(entry);
        Connection c = reachable();
        try {
            c.setAutoCommit(false);
            write(entry, read);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            drop(c);
            throw new SinkFailure(
                    "the " + name() + " store " + description + " did not take entry "
                            + entry.id().value() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The whole batch in one transaction (one commit, one fsync of the log). Should the transaction fail, the entries
     * go again one transaction each, so one entry the database refuses (or a deadlock with another terminal on
     * PostgreSQL) keeps only itself pending; a store that cannot be reached fails them all at once.
     */
    @Override
    public synchronized BatchDelivery deliverAll(List<OutboxEntry> entries) {
        Map<DeliveryId, Exception> failed = new LinkedHashMap<>();
        Map<OutboxEntry, ConfirmedEntry> readable = new LinkedHashMap<>();
        for (OutboxEntry entry : entries) {
            try {
                readable.put(entry, ConfirmedEntry.of(entry));
            } catch (SinkFailure e) {
                failed.put(entry.id(), e);
            }
        }
        Connection c;
        try {
            c = reachable();
        } catch (SinkFailure e) {
            return BatchDelivery.allFailed(entries, e);
        }
        try {
            c.setAutoCommit(false);
            for (Map.Entry<OutboxEntry, ConfirmedEntry> entry : readable.entrySet()) {
                write(entry.getKey(), entry.getValue());
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            drop(c);
            log.warn(
                    "the {} store {} refused a batch of {} ({}); one at a time",
                    name(),
                    description,
                    entries.size(),
                    e.toString());
            return oneByOne(entries);
        }
        Set<DeliveryId> delivered = new LinkedHashSet<>();
        readable.keySet().forEach(entry -> delivered.add(entry.id()));
        return new BatchDelivery(delivered, failed);
    }

    /** Each entry in its own transaction; once the store cannot be reached, the rest fail with that reason untried. */
    private BatchDelivery oneByOne(List<OutboxEntry> entries) {
        Set<DeliveryId> delivered = new LinkedHashSet<>();
        Map<DeliveryId, Exception> failed = new LinkedHashMap<>();
        SinkFailure unreachable = null;
        for (OutboxEntry entry : entries) {
            if (unreachable != null) {
                failed.put(entry.id(), unreachable);
                continue;
            }
            try {
                deliver(entry);
                delivered.add(entry.id());
            } catch (SinkFailure e) {
                failed.put(entry.id(), e);
                if (connection == null && !canConnect()) {
                    unreachable = e;
                }
            }
        }
        return new BatchDelivery(delivered, failed);
    }

    private boolean canConnect() {
        try {
            connection();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private Connection reachable() throws SinkFailure {
        try {
            return connection();
        } catch (SQLException e) {
            throw new SinkFailure(
                    "the " + name() + " store " + description + " is not reachable: " + e.getMessage(), e);
        }
    }

    /**
     * One entry's rows, inside the caller's transaction: the confirmation under its key ({@code on conflict do
     * nothing}); only when it is new, its blocks and the patient's insurance row.
     */
    private void write(OutboxEntry entry, ConfirmedEntry read) throws SQLException {
        ResultMessage message = read.message();
        ConfirmationOutcome.Confirmed confirmed = read.confirmed();
        KeptStatements s = statements;
        if (insertConfirmation(s, entry, message, confirmed)) {
            insertBlocks(s, entry.idempotencyKey(), confirmed.qualification());
            ParticularsRows.write(dialect, s, entry.idempotencyKey(), message, confirmed.qualification());
            SubsidyRows.write(
                    dialect,
                    s,
                    entry.idempotencyKey(),
                    confirmed.qualification().particulars().subsidies());
            upsertInsurance(s, entry, confirmed.qualification());
        }
    }

    private boolean insertConfirmation(
            KeptStatements s, OutboxEntry entry, ResultMessage message, ConfirmationOutcome.Confirmed confirmed)
            throws SQLException {
        Qualification q = confirmed.qualification();
        return s.use(INSERT_CONFIRMATION, insert -> {
            insert.setString(1, entry.idempotencyKey());
            dialect.bindInstant(insert, 2, entry.confirmedAt());
            insert.setString(3, entry.method().name());
            insert.setString(4, q.card().insurer().value());
            insert.setString(5, q.insurerName());
            insert.setString(6, q.card().symbol());
            insert.setString(7, q.card().number());
            insert.setString(8, q.card().branch());
            insert.setString(9, q.name());
            insert.setString(10, q.nameKana());
            dialect.bindDate(insert, 11, q.birthdate());
            insert.setString(12, q.sex().code());
            insert.setString(13, q.personalFamily().code());
            insert.setString(14, q.contributionRatio().wire());
            insert.setString(15, confirmed.processingTime());
            insert.setString(16, ResultBytes.text(entry.resultXml()));
            insert.setString(17, message.referenceClassification() == null ? "1" : message.referenceClassification());
            dialect.bindDate(insert, 18, q.qualificationDate());
            insert.setString(
                    19, q.details().elderly().map(e -> e.ratio().wire()).orElse(null));
            insert.setString(
                    20, q.details().limit().map(l -> l.classification()).orElse(null));
            insert.setString(
                    21,
                    q.details()
                            .limit()
                            .map(l -> l.category() == null ? null : l.category().name())
                            .orElse(null));
            dialect.bindDate(
                    insert, 22, q.details().limit().map(l -> l.validStart()).orElse(null));
            dialect.bindDate(
                    insert, 23, q.details().limit().map(l -> l.validEnd()).orElse(null));
            insert.setString(24, q.referenceNumber().map(r -> r.value()).orElse(null));
            return insert.executeUpdate() == 1;
        });
    }

    private void insertBlocks(KeptStatements s, String key, Qualification q) throws SQLException {
        List<PublicExpense> expenses = q.details().publicExpenses();
        if (!expenses.isEmpty()) {
            s.use(INSERT_PUBLIC_EXPENSE, insert -> {
                for (int i = 0; i < expenses.size(); i++) {
                    PublicExpense expense = expenses.get(i);
                    insert.setString(1, key);
                    insert.setInt(2, i + 1);
                    insert.setString(3, expense.payer().value());
                    insert.setString(
                            4,
                            expense.recipient() == null
                                    ? ""
                                    : expense.recipient().value());
                    dialect.bindDate(insert, 5, expense.validStart());
                    dialect.bindDate(insert, 6, expense.validEnd());
                    insert.addBatch();
                }
                return insert.executeBatch();
            });
        }
        List<SpecificDiseaseCertificate> diseases = q.details().specificDiseases();
        if (!diseases.isEmpty()) {
            s.use(INSERT_SPECIFIC_DISEASE, insert -> {
                for (int i = 0; i < diseases.size(); i++) {
                    SpecificDiseaseCertificate disease = diseases.get(i);
                    insert.setString(1, key);
                    insert.setInt(2, i + 1);
                    insert.setString(3, disease.disease().code());
                    dialect.bindDate(insert, 4, disease.validStart());
                    dialect.bindDate(insert, 5, disease.validEnd());
                    insert.setInt(6, disease.selfPayYen());
                    insert.addBatch();
                }
                return insert.executeBatch();
            });
        }
    }

    private void upsertInsurance(KeptStatements s, OutboxEntry entry, Qualification q) throws SQLException {
        s.use(UPSERT_INSURANCE, upsert -> {
            upsert.setString(1, q.card().insurer().value());
            upsert.setString(2, q.card().symbol());
            upsert.setString(3, q.card().number());
            upsert.setString(4, q.card().branch());
            dialect.bindDate(upsert, 5, q.birthdate());
            upsert.setString(6, q.name());
            upsert.setString(7, q.nameKana());
            upsert.setString(8, q.sex().code());
            upsert.setString(9, q.personalFamily().code());
            upsert.setString(10, q.contributionRatio().wire());
            upsert.setString(11, q.insurerName());
            dialect.bindDate(upsert, 12, q.qualificationDate());
            upsert.setString(
                    13, q.details().elderly().map(e -> e.ratio().wire()).orElse(null));
            upsert.setString(
                    14,
                    q.details()
                            .limit()
                            .map(l -> l.category() == null ? null : l.category().name())
                            .orElse(null));
            dialect.bindInstant(upsert, 15, entry.confirmedAt());
            upsert.setString(16, entry.method().name());
            upsert.setString(17, entry.idempotencyKey());
            upsert.setString(18, q.referenceNumber().map(r -> r.value()).orElse(null));
            return upsert.executeUpdate();
        });
    }

    /**
     * One row of the patients' {@code insurance} table: the key, what the staff compare, and when it was last confirmed.
     */
    public record StoredInsurance(
            String insurerNumber,
            String symbol,
            String number,
            String branch,
            LocalDate birthdate,
            String nameKana,
            String contributionRatio,
            String personalFamily,
            String lastIdempotencyKey,
            String name,
            String referenceNumber) {}

    /**
     * Every insurance the store holds for a patient (same birth date, same kana name ignoring spaces): after a change
     * of job the old one is still there beside the new — what the staff's consistency check shows.
     */
    public List<StoredInsurance> insurancesOf(LocalDate birthdate, String nameKana) throws SQLException {
        String wanted = withoutSpaces(nameKana);
        return insurancesBornOn(birthdate).stream()
                .filter(row -> withoutSpaces(row.nameKana()).equals(wanted))
                .toList();
    }

    /** Every insurance the store holds of patients born that day, the latest confirmed first (the patient directory). */
    public synchronized List<StoredInsurance> insurancesBornOn(LocalDate birthdate) throws SQLException {
        List<StoredInsurance> rows = new ArrayList<>();
        try (PreparedStatement q = connection().prepareStatement(INSURANCES_OF)) {
            dialect.bindDate(q, 1, birthdate);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredInsurance(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            birthdate,
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10)));
                }
            }
            endTransaction();
        } catch (SQLException e) {
            if (connection != null) {
                drop(connection);
            }
            throw e;
        }
        return rows;
    }

    private static String withoutSpaces(String kana) {
        return kana.replace(" ", "").replace("　", "");
    }

    /** Staff confirmed the patient no longer has this insurance: its row leaves the table (history stays). */
    public synchronized boolean retire(StoredInsurance insurance) throws SQLException {
        try (PreparedStatement delete = connection()
                .prepareStatement("delete from insurance where insurer_number = ?"
                        + " and symbol = ? and number = ? and branch = ? and birthdate = ?")) {
            delete.setString(1, insurance.insurerNumber());
            delete.setString(2, insurance.symbol());
            delete.setString(3, insurance.number());
            delete.setString(4, insurance.branch());
            dialect.bindDate(delete, 5, insurance.birthdate());
            boolean removed = delete.executeUpdate() == 1;
            endTransaction();
            return removed;
        } catch (SQLException e) {
            if (connection != null) {
                drop(connection);
            }
            throw e;
        }
    }

    /** Deliveries leave auto-commit off; a read or a staff change outside them ends its own transaction. */
    private void endTransaction() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** The open connection, opening and migrating one when there is none (first use, or after a failure). */
    private synchronized Connection connection() throws SQLException {
        if (connection != null) {
            return connection;
        }
        Connection fresh = source.open();
        try {
            dialect.prepare(fresh);
            DurableWrites.countCommits(fresh);
            List<Integer> applied = SchemaMigrations.migrate(fresh, dialect);
            if (!applied.isEmpty()) {
                log.info("レセコン store {} migrated to schema version {}", description, SchemaMigrations.latestVersion());
            }
            statements = KeptStatements.of(fresh);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(fresh);
            throw e;
        }
        connection = fresh;
        return fresh;
    }

    /** How many statements this store has prepared on all its connections (tests: once each per connection). */
    public synchronized long statementsPrepared() {
        return preparedBefore + (statements == null ? 0 : statements.prepared());
    }

    private void drop(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone anyway
        }
        closeStatements();
        closeQuietly(c);
        connection = null;
    }

    /** The kept statements go with their connection. */
    private void closeStatements() {
        if (statements != null) {
            preparedBefore += statements.prepared();
            statements.close();
            statements = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            closeStatements();
            closeQuietly(connection);
            connection = null;
        }
    }
}
