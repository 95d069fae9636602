package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.FaceFolderSink;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * {@code bench --history N}: N earlier confirmations, already delivered, put into a terminal's outbox, its SQLite
 * レセコン store and its face folder before the visits are timed — so the bench shows whether a visit's cost grows with
 * the history. Rows go in by bulk SQL through the schema the bridge itself created (one transaction per table, a
 * recursive row generator inside SQLite), files without fsync: a million in minutes rather than a million fsyncs.
 *
 * @param outbox the outbox a {@link RececonBridge} opened and closed (its tables exist)
 * @param store the SQLite store the same bridge migrated
 * @param faceFolder the face folder, or null
 */
record HistorySeed(Path outbox, Path store, Path faceFolder) {

    static final String INSTITUTION = "1311234567";

    /** Arguments: the terminal's folder (outbox.db, rececon.db, face/ as the bench's visits use them), N. */
    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        BridgeConfig config = new BridgeConfig(
                work.resolve("outbox.db"),
                work.resolve("rececon.db"),
                work.resolve("face"),
                INSTITUTION,
                StandardCharsets.UTF_8);
        RececonBridge.open(config).close(); // the bridge's own schema and migrations
        ResultMessage message = ResultMessage.confirmed(
                "20260601090000", INSTITUTION, "history", BenchCommand.sampleQualification(), null);
        new HistorySeed(config.outboxDb(), config.sqliteStore(), config.faceDir())
                .seed(
                        Long.parseLong(args[1]),
                        QualificationXml.write(message),
                        new FaceFolderSink(config.faceDir(), INSTITUTION, StandardCharsets.UTF_8),
                        message.processExecutionTime());
    }

    private static final String ROWS = "with recursive n(i) as (select 1 union all select i + 1 from n where i < ?) ";
    private static final String CONFIRMED_AT = "2026-06-01T00:00:00.000000Z";

    /** Seeds {@code count} delivered confirmations, each carrying {@code resultXml} (a real result message). */
    void seed(long count, byte[] resultXml, FaceFolderSink faceSink, String processTime) throws IOException {
        if (count <= 0) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + outbox)) {
            c.setAutoCommit(false);
            run(
                    c,
                    ROWS + "insert into entry (idempotency_key, confirmed_at, method, result_xml, state)"
                            + " select 'history-' || i, ?, 'PIN', ?, 'DELIVERED' from n",
                    count,
                    CONFIRMED_AT,
                    resultXml);
            for (String sink : faceFolder == null ? new String[] {"sqlite"} : new String[] {"sqlite", "face-folder"}) {
                run(
                        c,
                        "insert into delivery (entry_id, sink, delivered_at) select id, ?, ? from entry"
                                + " where state = 'DELIVERED'",
                        sink,
                        CONFIRMED_AT);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("cannot seed the outbox: " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store)) {
            c.setAutoCommit(false);
            // One patient per confirmation, born on one of ~25,000 days: the birth-date lookup finds a few rows.
            run(
                    c,
                    ROWS + "insert into qualification (idempotency_key, confirmed_at, method, insurer_number,"
                            + " insurer_name, symbol, number, branch, name, name_kana, birthdate, sex, personal_family,"
                            + " contribution_ratio, processing_time, result_xml) select 'history-' || i, ?, 'PIN',"
                            + " '01130012', '全国健康保険協会東京支部', 'H', printf('%08d', i), '00', '受付　太郎',"
                            + " 'ｳｹﾂｹ ﾀﾛｳ', date('1940-01-01', '+' || (i % 25000) || ' days'), '1', '1', '030', ?, ?"
                            + " from n",
                    count,
                    CONFIRMED_AT,
                    processTime,
                    new String(resultXml, StandardCharsets.UTF_8));
            run(
                    c,
                    "insert into insurance (insurer_number, symbol, number, branch, birthdate, name, name_kana, sex,"
                            + " personal_family, contribution_ratio, insurer_name, last_confirmed_at, last_method,"
                            + " last_idempotency_key) select insurer_number, symbol, number, branch, birthdate, name,"
                            + " name_kana, sex, personal_family, contribution_ratio, insurer_name, confirmed_at, method,"
                            + " idempotency_key from qualification where idempotency_key like 'history-%'");
            c.commit();
        } catch (SQLException e) {
            throw new IOException("cannot seed the レセコン store: " + e.getMessage(), e);
        }
        if (faceFolder != null) {
            for (long i = 1; i <= count; i++) {
                Files.write(faceFolder.resolve(faceSink.fileName("history-" + i, processTime, "1")), resultXml);
            }
        }
    }

    private static void run(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
