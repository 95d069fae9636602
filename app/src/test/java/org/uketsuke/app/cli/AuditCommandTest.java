package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.PasswordHash;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.staff.StaffAdministration;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.bridge.audit.AuditAnchor;
import org.uketsuke.bridge.audit.AuditAnchors;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditLog;
import picocli.CommandLine;

/**
 * {@code ./uketsuke audit verify|acknowledge|report} through the real CLI entry point on a real keyed log: intact,
 * edited, torn, truncated, extended by a forged line, deleted, headless, contradicting its anchor.
 */
class AuditCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Uketsuke()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** An administrator and a receptionist in the log's data folder (cheap hashes: the passwords are the test's). */
    private void accounts() {
        StaffAdministration staff = new StaffAdministration(
                StaffAccounts.in(dir),
                Authorizer.fixed(new StaffMember("setup", "setup", Set.of(Role.ADMINISTRATOR))),
                new PasswordHash.Parameters(8 * 1024, 1, 1));
        staff.add("admin-01", "管理者", Set.of(Role.ADMINISTRATOR), "administrator-1".toCharArray());
        staff.add("uketsuke-01", "受付", Set.of(Role.RECEPTIONIST), "receptionist-pass-1".toCharArray());
    }

    private Run acknowledge(String staff, String password) {
        CommandLine cli = new CommandLine(new Uketsuke());
        AuditCommand.Acknowledge command = cli.getSubcommands()
                .get("audit")
                .getSubcommands()
                .get("acknowledge")
                .getCommand();
        command.in = new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = cli.execute("audit", "acknowledge", "--file", file.toString(), "--staff", staff);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static Run verify(Path file) {
        return run("audit", "verify", "--file", file.toString());
    }

    private Path file;
    private AuditLog log;
    private String original;

    @BeforeEach
    void threeEntries() throws Exception {
        file = dir.resolve("audit.jsonl");
        log = AuditLog.open(file);
        for (int i = 0; i < 3; i++) {
            log.append(new AuditEvent(
                    Instant.parse("2026-12-03T09:00:00Z").plusSeconds(i),
                    "kiosk-1",
                    "",
                    "PIN",
                    "CONFIRMED",
                    AuditEvent.hash("subject" + i),
                    ""));
        }
        original = Files.readString(file);
    }

    @Test
    void anIntactLogExitsZeroAndAnEditedOneOneNamingTheEntry() throws Exception {
        Run intact = verify(file);
        assertThat(intact.exit()).isZero();
        assertThat(intact.out())
                .contains("intact, 4 entries, head " + log.head().mac())
                .contains("改ざんは見つかりませんでした");

        Files.writeString(file, original.replaceFirst("kiosk-1(?=.*\\n.*\\n$)", "kiosk-2"));
        Run broken = verify(file);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at entry 3").contains("3 件目で");
    }

    @Test
    void aTornLastLineExitsTwo() throws Exception {
        Files.writeString(file, original + "{\"seq\":5,\"at\":\"2026");
        Run torn = verify(file);
        assertThat(torn.exit()).isEqualTo(2);
        assertThat(torn.out()).contains("4 intact entries").contains("incomplete last line of 19 bytes");
    }

    @Test
    void aTruncatedLogExitsNonZero() throws Exception {
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, String.join("\n", lines.subList(0, 3)) + "\n");
        Run cut = verify(file);
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.out()).contains("BROKEN at entry 4").contains("truncated");
    }

    @Test
    void aLogExtendedByOneForgedLineExitsNonZero() throws Exception {
        String forged = original.lines().toList().getLast().replace("\"seq\":4", "\"seq\":5");
        Files.writeString(file, original + forged + "\n");
        Run extended = verify(file);
        assertThat(extended.exit()).isEqualTo(1);
        assertThat(extended.out()).contains("BROKEN at entry 5");
    }

    @Test
    void aDeletedLogExitsNonZeroWithOrWithoutItsHeadAndKey() throws Exception {
        Files.delete(file);
        Files.delete(dir.resolve("audit.jsonl.head"));
        Run deleted = verify(file);
        assertThat(deleted.exit()).isEqualTo(1);
        assertThat(deleted.out()).contains("BROKEN at entry 1").contains("deleted");
        Files.delete(dir.resolve("audit.jsonl.key"));
        Run gone = verify(file);
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.out()).contains("no audit log");
    }

    @Test
    void aMissingHeadExitsNonZero() throws Exception {
        Files.delete(dir.resolve("audit.jsonl.head"));
        Run headless = verify(file);
        assertThat(headless.exit()).isEqualTo(1);
        assertThat(headless.out()).contains("BROKEN");
    }

    @Test
    void aLogThatContradictsItsAnchorReceiptExitsNonZero() throws Exception {
        // A receipt for entry 4 under another MAC: the log was rewritten after the anchor was confirmed.
        Files.writeString(
                AuditAnchors.receiptsOf(file),
                new AuditAnchor(
                                        AuditAnchors.chainOf(AuditLog.read(file)),
                                        LocalDate.parse("2026-12-03"),
                                        4,
                                        "ab".repeat(32),
                                        "ANC00000001")
                                .line()
                        + "\n");
        Run rewritten = verify(file);
        assertThat(rewritten.exit()).isEqualTo(1);
        assertThat(rewritten.out()).contains("BROKEN at entry 4").contains("ANC00000001");
    }

    @Test
    void onlyAnAdministratorWithItsPasswordCanAcknowledge() throws Exception {
        accounts();
        Files.writeString(file, original.replaceFirst("kiosk-1", "kiosk-9"));
        Run receptionist = acknowledge("uketsuke-01", "receptionist-pass-1");
        assertThat(receptionist.exit()).isEqualTo(1);
        assertThat(receptionist.out()).contains("is not an administrator");
        Run wrongPassword = acknowledge("admin-01", "not-the-password");
        assertThat(wrongPassword.exit()).isEqualTo(1);
        assertThat(verify(file).exit()).as("the alarm stays").isEqualTo(1);
    }

    @Test
    void acknowledgeKeepsTheBrokenLogAsideAndStartsANewChainWithTheAcknowledgment() throws Exception {
        accounts();
        Files.writeString(file, original.replaceFirst("kiosk-1", "kiosk-9"));
        Run ack = acknowledge("admin-01", "administrator-1");
        assertThat(ack.exit()).isZero();
        assertThat(verify(file).exit()).isZero();
        assertThat(Files.readAllLines(file).getLast())
                .contains("\"staff\":\"admin-01\"", "\"outcome\":\"ALARM_ACKNOWLEDGED_BROKEN_AT_START\"");
        try (var kept = Files.list(dir)) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.matches("audit\\.jsonl\\.broken-[0-9]+"));
        }
        Run again = acknowledge("admin-01", "administrator-1");
        assertThat(again.out()).contains("no audit alarm");
    }

    @Test
    void theDailyReportPrintsTheDaysEntriesAndHead() {
        Run report = run(
                "audit",
                "report",
                "--file",
                file.toString(),
                "--date",
                LocalDate.now().toString());
        assertThat(report.exit()).isZero();
        assertThat(report.out()).contains(LocalDate.now().toString());
    }
}
