package org.uketsuke.app.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitFlow;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.terminal.StaffNotice;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.app.terminal.TerminalStartException;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.folders.sim.LinkAppSimulator;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * The production terminal built from a configuration file alone: a real pcscd with the vpcd reader (the virtual
 * card plugged in as a real card would be), the mock backend over mTLS with the terminal's PEM or PKCS#12 files, the
 * SQLite and face-folder sinks. A PIN visit goes through end to end.
 */
class ProductionTerminalTest {

    private static final String READER = "Virtual PCD 00 00";

    @TempDir
    Path dir;

    private MockBackend backend;
    private TerminalFiles files;

    @BeforeEach
    void startBackend() throws Exception {
        backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 42L, 20));
        files = TerminalFiles.write(backend.terminalTls(), Files.createDirectories(dir.resolve("etc")));
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    private String configText(String credentials) {
        return """
                terminal.id=counter-7
                institution.code=1311234567
                reader=%s
                camera=none
                kiosk.identity_checks=pin,visual
                kiosk.idle_timeout_seconds=30
                backend.url=%s
                %s
                tls.trusted_cas=%s
                data_dir=%s
                sink.csv=%s
                staff.yamada=山田
                """.formatted(
                        READER,
                        backend.baseUri(),
                        credentials,
                        files.trustedCas(),
                        dir.resolve("data"),
                        dir.resolve("data/csv"));
    }

    private String pem() {
        return "tls.certificate=" + files.certificate() + "\ntls.key=" + files.key();
    }

    private static UketsukeConfig parse(String text) {
        return switch (ConfigParser.parse(text)) {
            case ConfigResult.Ok ok -> ok.config();
            case ConfigResult.Invalid invalid -> throw new AssertionError(invalid.problems());
        };
    }

    /**
     * backend.kind=folders: the staff lookup goes through the 連携アプリ's folders (while the share is not there it
     * cannot be answered, though backend.url answers card calls), and a certified reader's result written into
     * {@code face} reaches the reception list.
     */
    @Test
    void withTheFoldersBackendStaffLookupsGoThroughTheShareAndReaderResultsAreImported() throws Exception {
        Path share = dir.resolve("oqs");
        String folders = "backend.kind=folders\nfolders.share=%s\nfolders.charset=Shift_JIS\nfolders.poll_ms=100\n"
                        .formatted(share)
                + "folders.timeout_seconds=5\nfolders.attempts=1\nsink.face_folder=off\n";
        HttpsEligibilityClient oqs = new HttpsEligibilityClient(
                backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5), "1311234567", Clock.systemUTC());
        Qualification lookedUp = backend.person(4);
        Qualification atReader = backend.person(5);
        try (Terminal env =
                ProductionTerminal.start(parse(configText(pem()) + folders), Map.<String, String>of()::get)) {
            BlockingQueue<ReceptionRecord> imported = new LinkedBlockingQueue<>();
            env.onOutsideRecord(imported::add);
            InsuranceSearch search = new InsuranceSearch(lookedUp.card(), lookedUp.birthdate(), false, "lookup-1");
            assertThat(env.lookup().lookup(search).qualification()).isEmpty(); // share not mounted

            try (LinkAppSimulator linkApp = new LinkAppSimulator(
                    share,
                    oqs,
                    oqs,
                    "1311234567",
                    LinkAppSimulator.Quirks.ALL,
                    Duration.ofMillis(50),
                    Clock.systemUTC())) {
                assertThat(env.lookup()
                                .lookup(new InsuranceSearch(lookedUp.card(), lookedUp.birthdate(), false, "lookup-2"))
                                .qualification()
                                .orElseThrow()
                                .card())
                        .isEqualTo(lookedUp.card());
                linkApp.confirmAtReader(new InsuranceSearch(atReader.card(), atReader.birthdate(), false, "reader-1"));
                ReceptionRecord row = imported.poll(20, TimeUnit.SECONDS);
                assertThat(row).isNotNull();
                assertThat(row.method()).contains(IdentityMethod.CERTIFIED_READER);
                assertThat(row.qualification().orElseThrow().card()).isEqualTo(atReader.card());
            }
            // The face folder was not there at start: the staff console was told once, and once it was there that it
            // is back — in place of the first notice.
            assertThat(env.staffNotices()).extracting(StaffNotice::key).containsExactly("staff.faceImport.FOLDER_BACK");
        }
    }

    @Test
    void aPinVisitOnTheConfiguredReaderIsConfirmedByTheBackendAndStored() throws Exception {
        IssuedCard issued = backend.issueCard(3);
        try (Terminal env = ProductionTerminal.start(parse(configText(pem())), Map.<String, String>of()::get);
                VpcdConnector card = new VpcdConnector(new MyNumberCardSimulator(new CardPersonalisation(
                        issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin())))) {
            assertThat(env.readerDescription()).isEqualTo(READER);
            BlockingQueue<VisitSnapshot> snapshots = new LinkedBlockingQueue<>();
            env.controller().addListener(snapshots::add);
            card.connect();
            await(snapshots, VisitState.AWAITING_PIN);
            env.controller().fire(new VisitEvent.PinEntered(issued.pin()));
            await(snapshots, VisitState.ASKING_CONSENTS);
            env.controller().fire(new VisitEvent.ConsentsGiven(Consents.all(Consent.NO)));
            VisitSnapshot result = await(snapshots, VisitState.SHOWING_RESULT);
            assertThat(result.result()
                            .orElseThrow()
                            .qualification()
                            .card()
                            .insurer()
                            .value()
                            .strip())
                    .isEqualTo(issued.expected().card().insurer().value().strip());
            card.close();
            await(snapshots, VisitState.IDLE);
            env.delivery().wake();
            Path store = dir.resolve("data/rececon.db");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int rows = 0;
            while (rows == 0 && System.nanoTime() < deadline) {
                if (Files.exists(store)) {
                    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store);
                            ResultSet count = db.createStatement().executeQuery("select count(*) from qualification")) {
                        rows = count.getInt(1);
                    }
                }
                Thread.sleep(100);
            }
            assertThat(rows).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("data/audit.jsonl"))).contains("\"terminal\":\"counter-7\"");
        }
        assertThat(backend.requests("/oqs/v1/confirm/card")).isPositive();
    }

    @Test
    void aCardAlreadyOnTheReaderWhenTheTerminalStartsBeginsTheVisitOnTheScreensOpenedAfterwards() throws Exception {
        IssuedCard issued = backend.issueCard(4);
        try (VpcdConnector card = new VpcdConnector(new MyNumberCardSimulator(new CardPersonalisation(
                issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin())))) {
            card.connect();
            assertThat(new PcscReaders().waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .isTrue();
            try (Terminal env = ProductionTerminal.start(parse(configText(pem())), Map.<String, String>of()::get)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (env.controller().current().state() != VisitState.AWAITING_PIN && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                // A screen that starts following now (as the kiosk window does) is shown the visit, not the welcome.
                BlockingQueue<VisitSnapshot> screen = new LinkedBlockingQueue<>();
                env.controller().follow(screen::add);
                assertThat(screen.poll(5, TimeUnit.SECONDS))
                        .extracting(VisitSnapshot::state)
                        .isEqualTo(VisitState.AWAITING_PIN);
            }
        }
    }

    @Test
    void aPkcs12FileOpensWithThePasswordFromTheNamedVariable() {
        String p12 = "tls.pkcs12=" + files.pkcs12() + "\ntls.pkcs12_password_env=TEST_P12";
        UketsukeConfig config = parse(configText(p12));
        assertThatThrownBy(() -> ProductionTerminal.start(config, Map.<String, String>of()::get))
                .isInstanceOfSatisfying(
                        TerminalStartException.class, e -> assertThat(e.key()).isEqualTo("tls.pkcs12_password_env"));
        assertThatThrownBy(() -> ProductionTerminal.start(config, Map.of("TEST_P12", "wrong")::get))
                .isInstanceOfSatisfying(
                        TerminalStartException.class, e -> assertThat(e.key()).isEqualTo("tls.pkcs12"));
        try (Terminal env = ProductionTerminal.start(config, Map.of("TEST_P12", TerminalFiles.PKCS12_PASSWORD)::get)) {
            assertThat(env.readerDescription()).isEqualTo(READER);
        }
    }

    @Test
    void aCertificateThatIsNotTheKeysNamesTheKey() throws Exception {
        Files.writeString(files.certificate(), Files.readString(files.trustedCas()));
        assertThatThrownBy(() -> ProductionTerminal.start(parse(configText(pem())), Map.<String, String>of()::get))
                .isInstanceOfSatisfying(
                        TerminalStartException.class, e -> assertThat(e.key()).isEqualTo("tls.key"));
    }

    @Test
    void theIdleTimeoutAppliesToThePatientsWaitingScreens() {
        VisitFlow flow = new VisitFlow(ProductionTerminal.timeouts(Duration.ofSeconds(30)));
        flow.on(new VisitEvent.CardPlaced());
        assertThat(flow.timeout()).isEmpty();
        flow.on(new VisitEvent.CardReady(3));
        assertThat(flow.timeout()).contains(Duration.ofSeconds(30));
        flow.on(new VisitEvent.Cancelled());
        flow.on(new VisitEvent.CardPlaced());
        flow.on(new VisitEvent.Failed(Problem.CARD_UNREADABLE));
        assertThat(flow.timeout()).as("the problem screen keeps the table's").contains(Duration.ofSeconds(30));
        flow.on(new VisitEvent.CardRemoved());
        flow.on(new VisitEvent.CardPlaced());
        flow.on(new VisitEvent.CardReady(3));
        flow.on(new VisitEvent.PinEntered("1234"));
        flow.on(new VisitEvent.PinVerified());
        assertThat(flow.timeout()).contains(Duration.ofSeconds(30));
    }

    private static VisitSnapshot await(BlockingQueue<VisitSnapshot> snapshots, VisitState state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            VisitSnapshot s = snapshots.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new AssertionError("no " + state + " within 30 s");
            }
            if (s.state() == state) {
                return s;
            }
            if (s.state() == VisitState.SHOWING_PROBLEM && state != VisitState.SHOWING_PROBLEM) {
                throw new AssertionError("problem " + s.problem() + " while waiting for " + state);
            }
        }
    }
}
