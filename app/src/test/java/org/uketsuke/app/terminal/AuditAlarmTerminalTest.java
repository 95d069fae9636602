package org.uketsuke.app.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditKey;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * The audit alarm through the one terminal assembly (real mock backend over mTLS, SQLite sinks, real log files): a
 * failed append, a broken log at start and a log deleted beside a confirmed outbox each stop the kiosk's visits, the
 * staff's lookups and the folder requests until an administrator acknowledges; the acknowledgment is the first entry
 * after it. Folder requests are audited with hashes only.
 */
class AuditAlarmTerminalTest {

    @TempDir
    static Path backendDir;

    @TempDir
    Path dir;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void startBackend() {
        backend = MockBackend.start(new MockBackendConfig(backendDir, 0, 42L, 10));
        client = new HttpsEligibilityClient(
                backend.baseUri(),
                backend.terminalTls(),
                Duration.ofSeconds(5),
                TerminalFixture.INSTITUTION,
                Clock.systemUTC());
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    /** One terminal per test: the shared backend keeps each one's anchors apart. */
    private String terminalId() {
        return "alarm-" + Integer.toHexString(dir.hashCode());
    }

    private Terminal start() {
        return Terminal.start(
                TerminalFixture.settings(terminalId(), dir, Optional.of(dir.resolve("exchange"))),
                TerminalFixture.ports(dir, new TerminalFixture.EmptySlot(), client),
                new Closer());
    }

    private static ReceptionRecord lookup(Terminal terminal, int person) {
        Qualification q = backend.person(person);
        return terminal.lookup().lookup(new InsuranceSearch(q.card(), q.birthdate(), false, ""));
    }

    private static Optional<VisitEvent> cardPlaced(Terminal terminal) {
        return terminal.steps().run(new VisitCommand.ReadCard());
    }

    private static final Optional<VisitEvent> PAUSED = Optional.of(new VisitEvent.Failed(Problem.RECEPTION_PAUSED));

    private Path log() {
        return dir.resolve(Terminal.AUDIT_LOG);
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(log());
    }

    @Test
    void aFailedAppendStopsConfirmationsUntilAnAdministratorAcknowledges() throws Exception {
        try (Terminal terminal = start()) {
            assertThat(lookup(terminal, 0).problem()).isEmpty();
            assertThat(cardPlaced(terminal)).isNotEqualTo(PAUSED);

            // The disk refuses the next append: the log's path is now a folder.
            Files.delete(log());
            Files.createDirectory(log());
            assertThat(lookup(terminal, 1).problem())
                    .as("already in the outbox")
                    .isEmpty();
            assertThat(terminal.audit().state())
                    .isInstanceOfSatisfying(
                            AuditTrail.Alarm.class,
                            alarm -> assertThat(alarm.cause()).isEqualTo(AuditTrail.AlarmCause.APPEND_FAILED));
            assertThat(lookup(terminal, 2).problem()).contains(Problem.RECEPTION_PAUSED);
            assertThat(cardPlaced(terminal)).isEqualTo(PAUSED);

            // Acknowledging while the disk still refuses changes nothing.
            assertThat(terminal.audit().acknowledge("admin-01")).isInstanceOf(AuditTrail.StillFailing.class);
            assertThat(lookup(terminal, 2).problem()).contains(Problem.RECEPTION_PAUSED);

            Files.delete(log());
            assertThat(terminal.audit().acknowledge("admin-01")).isInstanceOf(AuditTrail.Acknowledged.class);
            assertThat(lookup(terminal, 2).problem()).isEmpty();
            assertThat(cardPlaced(terminal)).isNotEqualTo(PAUSED);
            List<String> lines = lines();
            assertThat(lines.get(lines.size() - 2))
                    .contains("\"staff\":\"admin-01\"", "\"outcome\":\"ALARM_ACKNOWLEDGED_APPEND_FAILED\"");
            assertThat(lines.getLast()).contains("\"method\":\"INSURANCE_NUMBER\"", "\"outcome\":\"CONFIRMED\"");
            assertThat(AuditLog.verify(log())).isInstanceOf(AuditVerification.Intact.class);
        }
    }

    @Test
    void aBrokenLogAtStartStopsConfirmationsAndARestartDoesNotClearTheAlarm() throws Exception {
        try (Terminal terminal = start()) {
            assertThat(lookup(terminal, 0).problem()).isEmpty();
        }
        List<String> lines = lines();
        lines.set(1, lines.get(1).replace("\"outcome\":\"CONFIRMED\"", "\"outcome\":\"REJECTED_X\""));
        Files.write(log(), lines);
        try (Terminal terminal = start()) {
            assertThat(terminal.audit().state())
                    .isInstanceOfSatisfying(
                            AuditTrail.Alarm.class,
                            alarm -> assertThat(alarm.cause()).isEqualTo(AuditTrail.AlarmCause.BROKEN_AT_START));
            assertThat(lookup(terminal, 1).problem()).contains(Problem.RECEPTION_PAUSED);
        }
        try (Terminal terminal = start()) {
            assertThat(terminal.audit().confirmationsAllowed()).isFalse();
            AuditTrail.Acknowledgment done = terminal.audit().acknowledge("admin-01");
            assertThat(done)
                    .isInstanceOfSatisfying(
                            AuditTrail.Acknowledged.class,
                            ack -> assertThat(ack.brokenLogKeptAt())
                                    .hasValueSatisfying(kept -> assertThat(kept).exists()));
            assertThat(lookup(terminal, 1).problem()).isEmpty();
        }
        try (Terminal terminal = start()) {
            assertThat(terminal.audit().confirmationsAllowed())
                    .as("acknowledged for good")
                    .isTrue();
        }
    }

    @Test
    void aLogDeletedWithItsHeadAndKeyBesideAConfirmedOutboxIsAnAlarmNotAFreshLog() throws Exception {
        try (Terminal terminal = start()) {
            assertThat(lookup(terminal, 0).problem()).isEmpty();
        }
        Files.delete(log());
        Files.delete(dir.resolve(Terminal.AUDIT_LOG + ".head"));
        Files.delete(AuditKey.fileOf(log()));
        try (Terminal terminal = start()) {
            assertThat(terminal.audit().state())
                    .isInstanceOfSatisfying(
                            AuditTrail.Alarm.class,
                            alarm -> assertThat(alarm.cause()).isEqualTo(AuditTrail.AlarmCause.MISSING_BESIDE_OUTBOX));
            assertThat(cardPlaced(terminal)).isEqualTo(PAUSED);
        }
    }

    @Test
    void folderRequestsAreAuditedWithTheHashesOfRequestAndAnswerAndNeverTheirContent() throws Exception {
        Qualification q = backend.person(3);
        byte[] request = folderRequest(q);
        try (Terminal terminal = start()) {
            Path req = dir.resolve("exchange").resolve("req");
            Path res = dir.resolve("exchange").resolve("res");
            Files.write(req.resolve(".OQSsiquc01req_0001.tmp"), request);
            Files.move(req.resolve(".OQSsiquc01req_0001.tmp"), req.resolve("OQSsiquc01req_0001.xml"));
            Files.writeString(req.resolve("OQSsiquc01req_0002.xml"), "<XmlMsg><MessageBody>not a request");

            String answered = awaitLine("OQSsiquc01req_0001.xml");
            String refused = awaitLine("OQSsiquc01req_0002.xml");
            byte[] answer = Files.readAllBytes(res.resolve("OQSsiquc01res_0001.xml"));
            byte[] err = Files.readAllBytes(res.resolve("OQSsiquc01req_0002.err"));
            assertThat(answered)
                    .contains(
                            "\"method\":\"FOLDER_REQUEST\"",
                            "\"outcome\":\"ANSWERED\"",
                            "\"subject\":\"" + AuditEvent.hash(request) + "\"",
                            "\"card\":\"" + AuditEvent.hash(answer) + "\"");
            assertThat(refused).contains("\"outcome\":\"REFUSED\"", "\"card\":\"" + AuditEvent.hash(err) + "\"");
            assertThat(Files.readString(log()))
                    .doesNotContain(q.card().insurer().value())
                    .doesNotContain(q.card().number())
                    .doesNotContain(q.birthdate().toString().replace("-", ""));
        }
    }

    private byte[] folderRequest(Qualification q) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("folder-request.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{insurer}", q.card().insurer().value())
                    .replace("{symbol}", q.card().symbol())
                    .replace("{number}", q.card().number())
                    .replace("{branch}", q.card().branch())
                    .replace("{birthdate}", q.birthdate().toString().replace("-", ""))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The exchanges poll every second on their own thread: wait (bounded) for the request's entry. */
    private String awaitLine(String requestFile) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<String> line = lines().stream()
                    .filter(l -> l.contains("\"ref\":\"" + requestFile + "\""))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit entry for " + requestFile + " in " + lines());
    }
}
