package org.uketsuke.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.bridge.store.LocalPostgresCluster;
import picocli.CommandLine;

/** {@code ./uketsuke demo --headless --once} end to end, in-process: one JSON line, one row, one face file. */
class DemoCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void aHeadlessVisitPrintsTheQualificationAndWritesItToTheStoreOnce() throws Exception {
        headlessVisitConfirms("virtual");
    }

    /** The same visit with the card behind a real pcscd (vpcd driver) and the app's PC/SC card watcher. */
    @Test
    void aHeadlessVisitThroughARealPcscdConfirmsToo() throws Exception {
        headlessVisitConfirms("vpcd");
    }

    /** The PIN-less path: 照合番号B, chip photo, presence proof, recorded camera frames, signed attestation. */
    @Test
    void aHeadlessFaceVisitThroughARealPcscdConfirms() throws Exception {
        headlessVisitConfirms("vpcd", "--method", "face");
    }

    /** 目視確認: the staff vouch; the terminal signs that for this nonce and card; the backend accepts it. */
    @Test
    void aHeadlessVisitWithTheStaffsVisualCheckConfirms() throws Exception {
        headlessVisitConfirms("virtual", "--method", "visual");
    }

    /** A hospital's shared store: the same visit also lands in a real PostgreSQL server, and in the day's CSV. */
    @Test
    void aHeadlessVisitAlsoReachesASharedPostgresStoreAndTheCsvExport() throws Exception {
        try (LocalPostgresCluster postgres = LocalPostgresCluster.start()) {
            var target = postgres.newDatabase("hospital");
            headlessVisitConfirms(
                    "virtual",
                    "--postgres",
                    target.jdbcUrl(),
                    "--postgres-user",
                    target.user(),
                    "--postgres-ca",
                    postgres.serverCaFile().toString());
            try (Connection db = DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
                    ResultSet rows =
                            db.createStatement().executeQuery("select count(*), min(method) from qualification")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getString(2)).isEqualTo("PIN");
            }
        }
        try (Stream<Path> files = Files.list(dataDir.resolve("csv"))) {
            assertThat(files.toList())
                    .singleElement()
                    .satisfies(csv -> assertThat(Files.readAllLines(csv)).hasSize(2));
        }
    }

    private void headlessVisitConfirms(String reader, String... extra) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            List<String> args = new ArrayList<>(
                    List.of("demo", "--headless", "--once", "--reader", reader, "--data-dir", dataDir.toString()));
            args.addAll(List.of(extra));
            exit = Uketsuke.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(exit).as(printed).isZero();
        assertThat(printed.lines()).hasSize(1);

        JsonNode json = new ObjectMapper().readTree(printed);
        assertThat(json.get("status").asText()).isEqualTo("CONFIRMED");
        String method =
                List.of(extra).contains("face") ? "FACE" : List.of(extra).contains("visual") ? "VISUAL" : "PIN";
        assertThat(json.get("method").asText()).isEqualTo(method);
        assertThat(json.get("insurerNumber").asText().strip()).matches("\\d{6}|\\d{8}");
        assertThat(json.get("contributionRatio").asText()).isIn("010", "020", "030");
        assertThat(json.has("symbol")).isTrue();
        assertThat(json.has("number")).isTrue();
        assertThat(json.has("branch")).isTrue();

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("rececon.db"));
                ResultSet rows = db.createStatement()
                        .executeQuery("select insurer_number, contribution_ratio, method from qualification")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("method")).isEqualTo(method);
            assertThat(rows.getString("insurer_number").strip())
                    .isEqualTo(json.get("insurerNumber").asText().strip());
            assertThat(rows.next()).as("exactly one row").isFalse();
        }
        try (Stream<Path> files = Files.list(dataDir.resolve("face"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .singleElement()
                    .satisfies(
                            name -> assertThat(name).matches("OQSsiquc01res_face_\\d{10}[0-9a-f]{20}_\\d{14}\\.xml"));
        }
        // The confirmation is in the audit log: the log's start, then one entry, this method, identifiers only as
        // hashes.
        Path audit = dataDir.resolve("audit.jsonl");
        assertThat(AuditLog.verify(audit))
                .isInstanceOfSatisfying(
                        AuditVerification.Intact.class,
                        intact -> assertThat(intact.entries()).isEqualTo(2));
        assertThat(Files.readString(audit))
                .contains("\"method\":\"" + method + "\"", "\"outcome\":\"CONFIRMED\"", "\"terminal\":\"demo-kiosk-1\"")
                .doesNotContain(json.get("insurerNumber").asText().strip());
    }

    @Test
    void theVersionIsTheMavenProjectVersion() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cli = Uketsuke.commandLine();
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("uketsuke ")
                .doesNotContain("unknown")
                .doesNotContain("${");
    }
}
