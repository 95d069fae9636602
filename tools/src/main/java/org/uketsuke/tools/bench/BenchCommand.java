package org.uketsuke.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.uketsuke.app.reception.BatchPreCheck;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.sink.DurableWrites;
import org.uketsuke.bridge.store.LocalPostgresCluster;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.face.chip.ChipPhoto;
import org.uketsuke.face.pipeline.BlazeFaceLocator;
import org.uketsuke.face.pipeline.DlibEmbedder;
import org.uketsuke.face.pipeline.FaceDecision;
import org.uketsuke.face.pipeline.FaceEmbedder;
import org.uketsuke.face.pipeline.FaceLocator;
import org.uketsuke.face.pipeline.FaceModels;
import org.uketsuke.face.pipeline.FacePipeline;
import org.uketsuke.face.pipeline.FaceVerifier;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.PcscService;
import org.uketsuke.reader.sim.CardBehaviour;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;
import org.uketsuke.reader.sim.VpcdConnector;
import org.uketsuke.tools.bench.BenchTable.Result;
import org.uketsuke.tools.bench.BenchTable.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./uketsuke bench [--quick]}: every benchmark of the project on this machine, bounded and on loopback only,
 * written to docs/benchmarks.md with the goal beside each figure. Wall-clock numbers live here, never in tests.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run the benchmarks and rewrite docs/benchmarks.md.")
public final class BenchCommand implements Callable<Integer> {

    private static final String INSTITUTION = "1311234567";
    private static final String READER = "Virtual PCD 00 00";

    /**
     * Untimed visits each terminal JVM makes before the paced ones: a counter's terminal serves patients all day, and
     * the row is to show its visits, not 20 JVMs compiling the visit path at once on 2 cores (docs/tuning.md).
     */
    private static final int TERMINAL_WARM_UPS = 50;

    /**
     * Untimed visits the card → store rows' terminal JVM makes before the timed ones, for the same reason: the row is a
     * terminal that has served a while, not its first visits' class loading and compilations.
     */
    private static final int VISIT_WARM_UPS = 300;

    /**
     * Visits a throwaway terminal makes before the first card → store row, to warm what is not the terminal: the mock
     * backend's JVM (the national system is a server that has run all day) and this JVM, which serves the virtual card
     * (a real card signs in its own chip). Without them the first row (N = 0) met both cold: in three rows of N = 0
     * in a row (2026-12-05 23:47) the backend's CPU per visit fell 7.7 → 3.8 → 3.2 ms and the p95 20.8 → 17.3 →
     * 17.3 ms, so the growth ratios compared a cold N = 0 with warm N = 10⁴ and 10⁶.
     */
    private static final int BACKEND_WARM_UPS = 1_000;

    /** Connections of the backend's warm-up ({@link BackendWarmUp}) before the throwaway terminals. */
    private static final int BACKEND_WARM_UP_CONNECTIONS = 4;

    /**
     * Card confirmations on each of them: 6,000 in all, past the C2 compiler's thresholds for what a confirmation runs
     * once (tier 4 at 5,000 invocations; docs/tuning.md, issue #23 ninth round).
     */
    private static final int BACKEND_WARM_UP_CONFIRMATIONS = 1_500;

    /** Visits of a second throwaway terminal, after the first (a second connection to the backend: see visits). */
    private static final int SECOND_WARM_UPS = 300;

    @Option(names = "--quick", description = "Fewer repetitions and a smaller history (minutes, for development).")
    boolean quick;

    @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "Where to write the report.")
    Path out;

    @Option(names = "--face-only", description = "Only the face benchmarks; prints the rows, writes no report.")
    boolean faceOnly;

    @Option(
            names = "--only",
            split = ",",
            description = "Only these steps (development; the report then says so): ${COMPLETION-CANDIDATES}.")
    Set<Step> only = EnumSet.noneOf(Step.class);

    @Option(
            names = "--history",
            split = ",",
            description =
                    "Only the card → store visits, after seeding N earlier confirmations each (e.g. 0,10000,1000000;"
                            + " a million takes minutes): updates docs/bench-growth.csv and .png, writes no report.")
    List<Long> history = List.of();

    @Option(
            names = "--terminals",
            defaultValue = "20",
            description = "Terminals (separate JVMs) of the multi-terminal row, default ${DEFAULT-VALUE}.")
    int terminals;

    @Option(
            names = "--terminal-rate",
            defaultValue = "1.0",
            description = "Patients per second arriving at each terminal of the multi-terminal row (Poisson), default"
                    + " ${DEFAULT-VALUE}: far above a real counter's.")
    double terminalRate;

    @Option(
            names = "--profile",
            description = "Record the card → store visits (N = 0) with JFR into this file and print their hot spots;"
                    + " writes no report.")
    Path profile;

    /** The steps of a full run, in order; {@code --only} picks some. */
    enum Step {
        apdus,
        pcscd,
        visits,
        backend,
        batch,
        bridge,
        terminals,
        codec,
        face,
        start,
        memory,
        deb
    }

    /** What the full run seeds before its card → store rows (N = 10⁶ takes minutes: most of it a million face files). */
    private static final List<Long> FULL_RUN_HISTORY = List.of(0L, 10_000L, 1_000_000L);

    private static final List<Long> QUICK_RUN_HISTORY = List.of(0L, 1_000L);

    private final List<BenchTable.Row> rows = new ArrayList<>();
    private final List<BenchHistory.Figure> figures = new ArrayList<>();
    private final List<GrowthChart.Point> growth = new ArrayList<>();
    /** Floors measured in this run that later rows are divided by. */
    private final Floors floors = new Floors();
    /** The wait for an idle machine before each step. */
    private final Quiet quiet = new Quiet();
    /** Whether the card → store rows' backend and card have served {@link #BACKEND_WARM_UPS} visits yet. */
    private boolean visitPathWarm;

    private boolean runs(Step step) {
        return only.isEmpty() || only.contains(step);
    }

    private Duration settleAtMost() {
        return Duration.ofSeconds(quick ? 10 : 60);
    }

    /** Whether the run includes {@code step}; if so, once the machine is quiet ({@link Quiet}). */
    private boolean step(Step step) throws InterruptedException {
        if (!runs(step)) {
            return false;
        }
        System.out.println(quiet.settle(step.name(), settleAtMost()));
        return true;
    }

    @Override
    public Integer call() throws Exception {
        if (faceOnly) {
            face();
            return 0;
        }
        Path work = Files.createTempDirectory("uketsuke-bench");
        if (!history.isEmpty() || profile != null) {
            try (MockBackend backend =
                    MockBackend.start(new MockBackendConfig(work.resolve("backend"), 0, 42L, 1_000))) {
                try (VisitBackend visitBackend = VisitBackend.start(work)) {
                    if (profile != null) {
                        visits(backend, visitBackend, work, 0);
                        System.out.print(Profile.hotSpots(profile, 15));
                        return 0;
                    }
                    for (long n : history) {
                        visits(backend, visitBackend, work, n);
                        deleteTree(work.resolve("visits-" + n)); // a million face files: gigabytes in /tmp
                    }
                }
            }
            GrowthChart.update(growthCsv(), growth);
            System.out.println("updated " + growthCsv() + " and its chart");
            return 0;
        }
        long started = System.nanoTime();
        String loadBefore = BenchHistory.loadAverage();
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(work.resolve("backend"), 0, 42L, 1_000))) {
            IssuedCard issued = backend.issueCard(0);
            CardPersonalisation personalisation = new CardPersonalisation(
                    issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin());
            if (step(Step.apdus)) {
                apdus(personalisation);
            }
            if (step(Step.pcscd)) {
                certificateThroughPcscd(personalisation);
            }
            if (step(Step.visits)) {
                floors.fsync(work, quick, this::row);
                floors.tlsRoundTrip(backend, this::row, quick);
                try (VisitBackend visitBackend = VisitBackend.start(work)) {
                    for (long n : quick ? QUICK_RUN_HISTORY : FULL_RUN_HISTORY) {
                        visits(backend, visitBackend, work, n);
                        deleteTree(work.resolve("visits-" + n));
                    }
                }
                growthRatio();
            }
            if (step(Step.backend)) {
                backendThroughput(backend);
            }
            if (step(Step.batch)) {
                batch(backend, work);
                batchTerminals(backend, work);
            }
            if (step(Step.bridge)) {
                bridge(work);
            }
            if (step(Step.terminals)) {
                terminals(work);
            }
            if (step(Step.codec)) {
                codec(issued);
            }
            if (step(Step.face)) {
                face();
            }
        }
        if (step(Step.start)) {
            new ColdStart(work, quick).measure(this::row);
        }
        if (step(Step.memory)) {
            memory(work);
        }
        if (step(Step.deb)) {
            InstallerSize.measure(work, quick, this::row);
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        if (only.isEmpty()) {
            GrowthChart.update(growthCsv(), growth);
        }
        BenchHistory.Run run = new BenchHistory.Run(
                Instant.now().toString(),
                cpu(),
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                BenchHistory.loadAverage(),
                quick || !only.isEmpty(),
                figures);
        Path historyFile = out.resolveSibling("bench-history.jsonl");
        List<String> changes = BenchHistory.changes(BenchHistory.previous(historyFile, run.cpu()), run);
        BenchHistory.append(historyFile, run);
        write(run, changes, Duration.ofNanos(System.nanoTime() - started));
        deleteTree(work); // kept when a step failed, to look into
        System.out.println("wrote " + out + " in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        return 0;
    }

    /** APDUs and bytes to read the auth certificate (goal ≤ 8 APDUs). */
    private void apdus(CardPersonalisation personalisation) {
        MyNumberCardSimulator card = new MyNumberCardSimulator(personalisation);
        ApduStats stats = new ApduStats(VirtualCardTransport.open(card));
        new JpkiCard(stats).readAuthCertificate();
        figure(
                "APDUs to read the auth certificate (select AP + EF, chunked READ BINARY)",
                stats.commands() + " APDUs, " + stats.bytesSent() + " B sent, " + stats.bytesReceived() + " B received",
                "≤ 8 APDUs",
                Result.atMost(stats.commands(), 8));
    }

    /**
     * The auth certificate through pcscd + vpcd, short APDUs against extended length: APDUs per read (session open,
     * SELECT AP, SELECT EF, READ BINARY …) and the time of the read alone (the session is open before the clock starts).
     */
    private void certificateThroughPcscd(CardPersonalisation personalisation) throws Exception {
        if (PcscService.ensureRunning(Duration.ofSeconds(10)) instanceof PcscService.Status.Unavailable u) {
            row(Row.notMeasured("Auth certificate through pcscd, short vs extended", u.reason(), "≤ 8 APDUs"));
            return;
        }
        // visitsRead: the read a card → store visit makes (the product's auto mode on the short-only virtual card).
        record Variant(String label, CardBehaviour card, JpkiCard.ReadMode mode, boolean visitsRead) {}
        int runs = quick ? 50 : 300;
        PcscReaders readers = new PcscReaders();
        for (Variant v : List.of(
                new Variant("short APDUs (Le 256)", CardBehaviour.normal(), JpkiCard.ReadMode.SHORT, false),
                new Variant(
                        "auto on a short-only card (extended probe refused, then short)",
                        CardBehaviour.normal(),
                        JpkiCard.ReadMode.AUTO,
                        true),
                new Variant(
                        "extended length (one READ BINARY, Le 65536)",
                        CardBehaviour.normal().withExtendedLength(),
                        JpkiCard.ReadMode.AUTO,
                        false))) {
            MyNumberCardSimulator card = new MyNumberCardSimulator(personalisation).behave(v.card());
            long[] nanos = new long[runs];
            long apdus = 0;
            try (VpcdConnector inserted = new VpcdConnector(card)) {
                inserted.connect();
                if (!readers.waitForCardPresent(READER, Duration.ofSeconds(10))) {
                    row(Row.notMeasured(
                            "Auth certificate through pcscd, " + v.label(), "no card seen in " + READER, "≤ 8 APDUs"));
                    continue;
                }
                for (int i = -10; i < runs; i++) {
                    try (ApduStats session = new ApduStats(readers.connect(READER))) {
                        long start = System.nanoTime();
                        if (!(new JpkiCard(session, v.mode()).readAuthCertificate() instanceof CertificateRead.Read)) {
                            throw new IllegalStateException("bench certificate read failed (" + v.label() + ")");
                        }
                        if (i >= 0) {
                            nanos[i] = System.nanoTime() - start;
                            apdus = session.commands();
                        }
                    }
                }
            }
            readers.waitForCardAbsent(READER, Duration.ofSeconds(10));
            Stats read = Stats.ofNanos(nanos);
            if (v.visitsRead()) {
                floors.certificateRead(nanos);
            }
            timed(
                    "Auth certificate (" + personalisation.authCertDer().length + " B) through pcscd + vpcd, "
                            + v.label(),
                    read,
                    apdus + " APDUs",
                    "≤ 8 APDUs",
                    Result.atMost(apdus, 8));
        }
        cardDialogue(personalisation, readers, runs);
    }

    /** The card's part of a PIN visit alone, through pcscd + vpcd: a floor of the visit's steps ({@link CardDialogue}). */
    private void cardDialogue(CardPersonalisation personalisation, PcscReaders readers, int runs) throws Exception {
        String what =
                "Floor: the visit's card dialogue through pcscd + vpcd (session opened, identify, auth certificate"
                        + " on the short-only card, PIN tries left, VERIFY, RSA-2048 signature by the virtual card)";
        MyNumberCardSimulator card = new MyNumberCardSimulator(personalisation);
        CardDialogue.Timed dialogue;
        try (VpcdConnector inserted = new VpcdConnector(card)) {
            inserted.connect();
            if (!readers.waitForCardPresent(READER, Duration.ofSeconds(10))) {
                row(Row.notMeasured(what, "no card seen in " + READER, ""));
                return;
            }
            dialogue = CardDialogue.measure(readers, READER, personalisation.authPin(), runs);
        }
        readers.waitForCardAbsent(READER, Duration.ofSeconds(10));
        floors.cardDialogue(dialogue.nanos());
        timed(
                what,
                Stats.ofNanos(dialogue.nanos()),
                dialogue.apdus() + " APDUs; " + Floors.floorNote(floors.cardDialogue()),
                "",
                Result.NONE);
    }

    /**
     * Terminals as separate JVMs delivering into one PostgreSQL server at once, against one shared mock backend in its
     * own JVM, patients arriving at random at a stated rate (goal: 0 lost, 0 doubled, p95 ≤ 50 ms at that load), then
     * the visits/s they reach back to back. {@link Terminals#paced} says how.
     */
    private void terminals(Path work) throws Exception {
        int visits = quick ? 20 : 100;
        int burst = quick ? 10 : 50;
        String what = String.format(
                Locale.ROOT,
                "%d terminals (separate JVMs, in-process virtual card, own outbox; ONE shared mock backend JVM over"
                        + " mTLS) × %d visits into one PostgreSQL, patients arriving at random (Poisson) at %.1f/s per"
                        + " terminal (%.0f/s offered), per visit from the patient's arrival",
                terminals,
                visits,
                terminalRate,
                terminals * terminalRate);
        String goal = "0 lost, 0 doubled; p95 ≤ 50 ms";
        try (LocalPostgresCluster postgres = LocalPostgresCluster.start()) {
            Terminals.PacedReport r = Terminals.paced(
                    work.resolve("terminals"),
                    postgres.newDatabase("terminals"),
                    terminals,
                    visits,
                    terminalRate,
                    burst,
                    TERMINAL_WARM_UPS);
            timed(
                    what,
                    r.perVisit(),
                    String.format(
                            Locale.ROOT,
                            "%d lost, %d doubled of %d (warm-up and burst visits included); saturated: %.1f visits/s"
                                    + " (%d visits, all terminals back to back at once); CPU per paced visit: %.1f ms"
                                    + " in the terminal's JVM, %.1f ms in the backend's; terminal JVMs: the product's"
                                    + " options (%s) and, as the windowed kiosk, compilers ten nice steps lower;"
                                    + " measured after %d untimed visits per terminal (class loading and the JIT's"
                                    + " first compilations, docs/tuning.md) and a pause of ≤ 15 s for its compilers to"
                                    + " go quiet, as a kiosk's do between patients",
                            r.lost(),
                            r.doubled(),
                            r.confirmed(),
                            r.burstPerSecond(),
                            r.burstVisits(),
                            r.terminalCpuMsPerVisit(),
                            r.backendCpuMsPerVisit(),
                            String.join(
                                    " ",
                                    ProductJvmOptions.terminal().stream()
                                            .filter(o -> o.startsWith("-XX:"))
                                            .toList()),
                            TERMINAL_WARM_UPS),
                    goal,
                    Result.all(
                            Result.atMost(r.lost() + r.doubled(), 0),
                            Result.atMost(r.perVisit().p95(), 50)));
        } catch (IOException | RuntimeException e) {
            row(Row.notMeasured(what, String.valueOf(e.getMessage()), goal));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Path growthCsv() {
        return out.resolveSibling("bench-growth.csv");
    }

    /**
     * Card present → qualification in the レセコン store, through pcscd + vpcd and the backend over mTLS, on a terminal
     * whose outbox, store and face folder already hold {@code history} earlier confirmations: the visits run in a
     * terminal JVM of their own ({@link VisitTerminal}), the card is served by this JVM through vpcd, the backend by
     * {@code visitBackend}'s JVM. {@code benchBackend} issues the growth rows' memory terminals their card.
     */
    private void visits(MockBackend benchBackend, VisitBackend visitBackend, Path root, long history) throws Exception {
        Path work = Files.createDirectories(root.resolve("visits-" + history));
        String seeded = history == 0 ? "" : String.format(Locale.ROOT, ", with %,d earlier confirmations", history);
        if (PcscService.ensureRunning(Duration.ofSeconds(10)) instanceof PcscService.Status.Unavailable u) {
            row(Row.notMeasured("Card → store through pcscd", u.reason(), "p95 ≤ 15 ms"));
            return;
        }
        long seedMillis = seedHistory(work, history);
        int runs = quick ? 30 : 500;
        int warmUps = quick ? 50 : VISIT_WARM_UPS;
        long[] total = new long[runs];
        long[] cardPart = new long[runs];
        long[] backendPart = new long[runs];
        long[] sinkPart = new long[runs];
        long[] writeCounts = new long[2];
        double terminalCpuMs = 0;
        StringBuilder byThread = new StringBuilder();
        double backendCpuMs;
        MyNumberCardSimulator card = new MyNumberCardSimulator(visitBackend.card());
        long commandsBefore;
        boolean aotCacheMapped;
        try (VpcdConnector inserted = new VpcdConnector(card)) {
            inserted.connect();
            new PcscReaders().waitForCardPresent(READER, Duration.ofSeconds(10));
            Path aotCache = root.resolve("visit-terminal.aot");
            if (!visitPathWarm) {
                // First card confirmations from a JVM of their own on a few connections, so that the backend's JIT
                // has compiled the visit's request path before the rows: after the terminals' 1,300 visits alone much
                // of it still ran as tier-3 code (BackendWarmUp). The terminals' visits after it leave the C2
                // compiler the time to finish what the burst queued (the burst just before the second terminal left
                // it compiling during the row: backend CPU 6.4 ms per visit, C2 5.4 of it).
                visitBackend.warmUp(root, BACKEND_WARM_UP_CONNECTIONS, quick ? 100 : BACKEND_WARM_UP_CONFIRMATIONS);
                // The throwaway terminal also trains the terminals' AOT cache, as a counter's first day does for the
                // product's launchers (./uketsuke and the DEB keep one per command, written when the JVM exits).
                Path warmUp = Files.createDirectories(root.resolve("visits-warm-up"));
                visitBackend.runTerminal(
                        warmUp,
                        READER,
                        quick ? 100 : BACKEND_WARM_UPS,
                        1,
                        null,
                        AotCache.train(aotCache, System.getProperty("java.class.path")));
                deleteTree(warmUp);
                // A second terminal after it: the national system sees terminals connect all day, while one
                // throwaway terminal showed the backend a single connection. The row's terminal, a new connection,
                // then made the backend's JIT throw away and recompile its TLS and request paths during the row
                // (JFR: deoptimisations at the row terminal's connect, then ≈ 380 more compilations).
                Path second = Files.createDirectories(root.resolve("visits-warm-up-2"));
                visitBackend.runTerminal(second, READER, quick ? 50 : SECOND_WARM_UPS, 1, null, AotCache.use(aotCache));
                deleteTree(second);
                visitPathWarm = true;
            }
            commandsBefore = card.commandCount();
            Duration backendBefore = visitBackend.process().cpu();
            AotCache mapped = AotCache.use(aotCache);
            aotCacheMapped = !mapped.options().isEmpty();
            List<String> printed = visitBackend.runTerminal(work, READER, warmUps, runs, profile, mapped);
            backendCpuMs = visitBackend.process().cpu().minus(backendBefore).toNanos() / 1e6 / (warmUps + runs);
            int i = 0;
            for (String line : printed) {
                String[] f = line.split(" ");
                if (f[0].equals("visit") && i < runs) {
                    total[i] = Long.parseLong(f[1]);
                    cardPart[i] = Long.parseLong(f[2]);
                    backendPart[i] = Long.parseLong(f[3]);
                    sinkPart[i] = Long.parseLong(f[4]);
                    i++;
                } else if (f[0].equals("cpu")) {
                    terminalCpuMs = Long.parseLong(f[1]) / 1e6 / runs;
                } else if (f[0].equals("thread-cpu")) {
                    byThread.append(String.format(Locale.ROOT, " %s %.2f", f[1], Long.parseLong(f[2]) / 1e6 / runs));
                } else if (f[0].equals("compilers-quiet")) {
                    System.out.println(
                            "visit terminal's compilers went quiet after its untimed visits in " + f[1] + " ms");
                } else if (f[0].equals("writes")) {
                    writeCounts[0] = Long.parseLong(f[1]);
                    writeCounts[1] = Long.parseLong(f[2]);
                }
            }
            if (i != runs) {
                throw new IOException("the visit terminal printed " + i + " of " + runs + " visits");
            }
            System.out.println("visit terminal's CPU ms per timed visit by thread:" + byThread);
        }
        double apdus = (card.commandCount() - commandsBefore) / (double) (warmUps + runs);
        Stats visits = Stats.ofNanos(total);
        // The growth goal's RSS is a terminal's own: fresh JVMs on this folder (docs/tuning.md).
        long[] terminalRuns = GrowthTerminal.residentKiB(benchBackend, work, 3, quick ? 30 : 100);
        long terminalRss = terminalRuns[1];
        growth.add(new GrowthChart.Point(history, visits.p95(), terminalRss / 1024.0));
        String what = "Card present → written to the レセコン store (pcscd + vpcd, mTLS, SQLite + face file)" + seeded;
        String memory = String.format(
                Locale.ROOT,
                "the visits in a terminal JVM of their own (the product's options and, as the windowed kiosk, its"
                        + " compilers ten nice steps lower; after %d untimed visits and a pause of ≤ 15 s for its"
                        + " compilers to go quiet, as a kiosk's do between patients), the"
                        + " backend in another (it warmed first by %d card confirmations from a JVM of their own, then"
                        + " it and the card by %d visits of a throwaway terminal, which"
                        + " trained the AOT cache the terminal maps, as the product's launchers keep one%s, then %d"
                        + " visits of a second, a new connection as the national system sees all day); CPU per"
                        + " visit %.1f ms in the terminal's JVM, %.1f ms in the backend's;"
                        + " terminal JVM RSS %.0f MB (median of 3 fresh JVMs: %.0f / %.0f / %.0f MB, %d visits each on"
                        + " this folder)",
                warmUps,
                BACKEND_WARM_UP_CONNECTIONS * (quick ? 100 : BACKEND_WARM_UP_CONFIRMATIONS),
                quick ? 100 : BACKEND_WARM_UPS,
                aotCacheMapped ? "" : ": NOT MADE, no cache mapped",
                quick ? 50 : SECOND_WARM_UPS,
                terminalCpuMs,
                backendCpuMs,
                terminalRss / 1024.0,
                terminalRuns[0] / 1024.0,
                terminalRuns[1] / 1024.0,
                terminalRuns[2] / 1024.0,
                quick ? 30 : 100);
        if (history != 0) {
            timed(
                    what,
                    visits,
                    memory + String.format(Locale.ROOT, "; seeded in %.1f s", seedMillis / 1000.0),
                    "the growth ratio rows below",
                    Result.NONE);
            return;
        }
        timed(what, visits, memory, "p95 ≤ 15 ms", Result.atMost(visits.p95(), 15));
        timed(
                "… of which card (identify, read cert, PIN, sign)",
                Stats.ofNanos(cardPart),
                String.format(
                        Locale.ROOT,
                        "%.1f APDUs per visit (counted by the virtual card), one session opened and reset",
                        apdus),
                "",
                Result.NONE);
        timed("… of which backend (nonce + confirmation over mTLS)", Stats.ofNanos(backendPart), "", "", Result.NONE);
        timed(
                "… of which sinks (outbox commit + SQLite row + fsynced face file)",
                Stats.ofNanos(sinkPart),
                String.format(
                        Locale.ROOT,
                        "%.1f SQLite commits + %.1f fsyncs per visit (counted)",
                        writeCounts[0] / (double) runs,
                        writeCounts[1] / (double) runs),
                "",
                Result.NONE);
        floors.cardToStoreRatio(visits, this::row);
        floors.cardToStoreStepsRatio(visits, (writeCounts[0] + writeCounts[1]) / (double) runs, this::row);
    }

    /**
     * The growth goal: card → store p95 with N earlier confirmations within 1.1× of N = 0, a terminal JVM's RSS within ±10 %
     * (from the points this run measured).
     */
    private void growthRatio() {
        GrowthChart.Point empty =
                growth.stream().filter(p -> p.history() == 0).findFirst().orElse(null);
        for (GrowthChart.Point p : growth) {
            if (p.history() == 0 || empty == null) {
                continue;
            }
            double p95 = p.p95Millis() / empty.p95Millis();
            double rss = p.rssMiB() / empty.rssMiB();
            figure(
                    String.format(
                            Locale.ROOT,
                            "Growth: card → store with %,d earlier confirmations ÷ with none",
                            p.history()),
                    String.format(Locale.ROOT, "p95 %.2f×, terminal JVM RSS %.2f×", p95, rss),
                    "p95 ≤ 1.1×; RSS 0.9–1.1×",
                    Result.all(Result.atMost(p95, 1.1), Result.atMost(Math.abs(rss - 1), 0.1)));
        }
    }

    /**
     * Confirmations per second the mock backend sustains over mTLS (goal ≥ 1,000/s). Nonces are fetched and signed
     * before the clock starts, so the figure is the backend's (TLS, parsing, chain and signature checks, lookup,
     * result XML), not the clients' RSA signing, which shares the same two cores here.
     */
    private void backendThroughput(MockBackend backend) throws Exception {
        int threads = 4;
        int perThread = quick ? 250 : 1_000;
        List<HttpsEligibilityClient> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10)));
        }
        // An untimed first round: the figure is the backend's steady state, not the JIT compiling its first requests.
        confirmations(backend, clients, perThread / 2, "warm-up");
        Round timed = confirmations(backend, clients, perThread, "bench");
        double cpuPerConfirmation = timed.cpuNanos() / 1e6 / timed.latencies().length;
        double rate = timed.latencies().length / timed.seconds();
        timed(
                "Mock backend confirmations/s over mTLS (4 client threads, pre-signed requests, keep-alive, after an"
                        + " untimed warm-up round), latency",
                Stats.ofNanos(timed.latencies()),
                String.format(
                        Locale.ROOT,
                        "%.0f /s (%d in %.1f s); CPU %.2f ms per confirmation, clients and backend together",
                        rate,
                        timed.latencies().length,
                        timed.seconds(),
                        cpuPerConfirmation),
                "≥ 1,000 /s",
                Result.atLeast(rate, 1_000));
        floors.throughputRatio(rate, this::row);
    }

    /** The CPU time of this JVM so far (all threads): less disturbed by other load than a rate. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * A round's latencies, its wall time and this JVM's CPU over the same span: the confirmations only, not the
     * nonces fetched and the requests signed before it.
     */
    private record Round(long[] latencies, double seconds, long cpuNanos) {}

    /** {@code perThread} pre-signed confirmations on each client's thread at once. */
    private static Round confirmations(
            MockBackend backend, List<HttpsEligibilityClient> clients, int perThread, String prefix) throws Exception {
        int threads = clients.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<List<CardConfirmationRequest>> prepared = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            IssuedCard card = backend.issueCard(10 + t);
            HttpsEligibilityClient client = clients.get(t);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            List<CardConfirmationRequest> requests = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                if (!(client.nonce() instanceof NonceOutcome.Issued(byte[] nonce))) {
                    throw new IllegalStateException("the mock backend issued no nonce");
                }
                rsa.initSign(card.authKey());
                // The card signs the confirmation statement: the nonce with the institution and the answers.
                rsa.update(new ConfirmationStatement(
                                nonce, client.institutionCode(), Consents.none(), ConsentScenario.OUTPATIENT, null)
                        .bytes());
                requests.add(new CardConfirmationRequest(
                        card.authCertDer(),
                        nonce,
                        rsa.sign(),
                        IdentityMethod.PIN,
                        Consents.none(),
                        prefix + "-" + t + "-" + i));
            }
            prepared.add(requests);
        }
        List<Future<long[]>> results = new ArrayList<>();
        long cpu = processCpuNanos();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            HttpsEligibilityClient client = clients.get(t);
            List<CardConfirmationRequest> requests = prepared.get(t);
            results.add(pool.submit(() -> {
                long[] latencies = new long[requests.size()];
                for (int i = 0; i < requests.size(); i++) {
                    long t0 = System.nanoTime();
                    if (!(client.confirmByCard(requests.get(i)) instanceof ConfirmationOutcome.Confirmed)) {
                        throw new IllegalStateException("a bench confirmation was refused");
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            for (long l : result.get()) {
                all.add(l);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return new Round(all.stream().mapToLong(Long::longValue).toArray(), seconds, processCpuNanos() - cpu);
    }

    /** 一括照会 of 1,000 booked patients end to end: upload, poll, store every answer (goal ≤ 10 s). */
    private void batch(MockBackend backend, Path work) throws Exception {
        List<InsuranceSearch> booked = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            var q = backend.person(i);
            booked.add(new InsuranceSearch(q.card(), q.birthdate(), false, "booking-" + i));
        }
        int runs = quick ? 1 : 3;
        long[] times = new long[runs];
        BatchPreCheck.Summary summary = null;
        DurableWrites.Count writes = null;
        for (int r = 0; r < runs; r++) {
            Path dir = work.resolve("batch-" + r);
            try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                    dir.resolve("outbox.db"),
                    dir.resolve("rececon.db"),
                    dir.resolve("face"),
                    INSTITUTION,
                    StandardCharsets.UTF_8))) {
                var check = new BatchPreCheck(
                        new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(30)),
                        bridge,
                        Clock.systemUTC());
                DurableWrites.Count before = DurableWrites.onThisThread();
                long t0 = System.nanoTime();
                summary = check.run(booked, Duration.ofSeconds(120));
                times[r] = System.nanoTime() - t0;
                writes = DurableWrites.onThisThread().since(before);
            }
        }
        Stats batch = Stats.ofNanos(times);
        timed(
                "Batch pre-check (一括照会) of 1,000 booked patients: upload, poll, results into the store (SQLite + files)",
                batch,
                String.format(
                        Locale.ROOT,
                        "%d confirmed; %d SQLite commits + %d fsyncs in %d waits per batch (counted: a page's face"
                                + " files are forced together)",
                        summary.confirmed(),
                        writes.commits(),
                        writes.fsyncs(),
                        writes.fsyncWaits()),
                "median ≤ 2 s",
                Result.atMost(batch.median(), 2_000));
    }

    /**
     * 一括照会 from 5 terminals at once: separate JVMs, each with its own outbox, against the one mock backend, all
     * delivering into one PostgreSQL server; the store's keys compared key by key with the terminals' outboxes.
     */
    private void batchTerminals(MockBackend backend, Path work) throws Exception {
        int count = 5;
        int each = quick ? 40 : 200;
        String what = "Batch pre-check (一括照会) from " + count + " terminals at once (separate JVMs, one mock backend,"
                + " one PostgreSQL), " + each + " booked patients each, per terminal's batch";
        String goal = "0 lost, 0 doubled";
        Path dir = Files.createDirectories(work.resolve("batch-terminals"));
        BatchTerminalProcess.writeTls(backend.terminalTls(), dir);
        for (int t = 0; t < count; t++) {
            List<Qualification> people = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                people.add(backend.person(t * each + i));
            }
            BatchTerminalProcess.writeBookings(people, dir.resolve("bookings-" + t + ".tsv"));
        }
        try (LocalPostgresCluster postgres = LocalPostgresCluster.start()) {
            Terminals.Report r = Terminals.run(
                    dir,
                    postgres.newDatabase("batch_terminals"),
                    count,
                    BatchTerminalProcess.class,
                    t -> List.of(
                            backend.baseUri().toString(),
                            dir.resolve("terminal.p12").toString(),
                            BatchTerminalProcess.PASSWORD,
                            dir.resolve("ca.pem").toString(),
                            dir.resolve("bookings-" + t + ".tsv").toString()));
            timed(
                    what,
                    r.perVisit(),
                    String.format(
                            Locale.ROOT,
                            "%d lost, %d doubled of %d confirmed; %.0f patients/s (%d in %.1f s once all were started)",
                            r.lost(),
                            r.doubled(),
                            r.confirmed(),
                            count * each / r.seconds(),
                            count * each,
                            r.seconds()),
                    goal,
                    Result.atMost(r.lost() + r.doubled(), 0));
        } catch (IOException | RuntimeException e) {
            row(Row.notMeasured(what, String.valueOf(e.getMessage()), goal));
        }
    }

    /**
     * Durable deliveries per second and latency per sink: each one its own committed, fsynced outbox entry, submitted and
     * drained one at a time. PostgreSQL is a throwaway local server on loopback (Debian's binaries), fsync on.
     */
    private void bridge(Path work) throws Exception {
        int entries = quick ? 100 : 500;
        try (LocalPostgresCluster postgres = LocalPostgresCluster.start()) {
            for (String sink : List.of("sqlite", "face-folder", "csv", "postgresql", "all four")) {
                Path dir = work.resolve("bridge-" + sink.replace(' ', '-'));
                boolean all = sink.equals("all four");
                BridgeConfig config = new BridgeConfig(
                        dir.resolve("outbox.db"),
                        all || sink.equals("sqlite") ? dir.resolve("rececon.db") : null,
                        all || sink.equals("face-folder") ? dir.resolve("face") : null,
                        INSTITUTION,
                        StandardCharsets.UTF_8);
                if (all || sink.equals("csv")) {
                    config = config.withCsvExport(new CsvExport(dir.resolve("csv"), StandardCharsets.UTF_8));
                }
                if (all || sink.equals("postgresql")) {
                    config = config.withPostgres(postgres.newDatabase("bench_" + sink.replace(' ', '_')));
                }
                try (RececonBridge bridge = RececonBridge.open(config)) {
                    ConfirmationOutcome.Confirmed confirmed =
                            new ConfirmationOutcome.Confirmed(sampleQualification(), "20261124100000", null);
                    long[] each = new long[entries];
                    long started = System.nanoTime();
                    for (int i = 0; i < entries; i++) {
                        long t0 = System.nanoTime();
                        bridge.submit(new Confirmation("bench-" + i, Instant.now(), IdentityMethod.PIN, confirmed));
                        if (bridge.drain() != 1) {
                            throw new IllegalStateException(
                                    "bench delivery " + i + " to " + sink + " did not complete");
                        }
                        each[i] = System.nanoTime() - t0;
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    timed(
                            "Bridge durable deliveries, sink " + sink + " (submit + drain one at a time), per delivery",
                            Stats.ofNanos(each),
                            String.format(Locale.ROOT, "%.0f /s (%d in %.2f s)", entries / seconds, entries, seconds),
                            "",
                            Result.NONE);
                }
            }
        }
    }

    /** Result-message encode and decode. */
    private void codec(IssuedCard issued) throws Exception {
        ResultMessage message =
                ResultMessage.confirmed("20261124100000", INSTITUTION, "bench", issued.expected(), null);
        int runs = quick ? 2_000 : 20_000;
        long[] encode = new long[runs];
        long[] decode = new long[runs];
        byte[] xml = QualificationXml.write(message);
        for (int i = -2_000; i < runs; i++) {
            long t0 = System.nanoTime();
            byte[] bytes = QualificationXml.write(message);
            long t1 = System.nanoTime();
            QualificationXml.parseResult(bytes);
            long t2 = System.nanoTime();
            if (i >= 0) {
                encode[i] = t1 - t0;
                decode[i] = t2 - t1;
            }
        }
        timed("Result message encode (" + xml.length + " B XML)", Stats.ofNanos(encode), "", "", Result.NONE);
        timed("Result message decode (hardened DOM parser)", Stats.ofNanos(decode), "", "", Result.NONE);
    }

    /**
     * The face pipeline on a 640×480 frame, the chip photo decode, and first frame to decision (goal ≤ 40 ms/frame),
     * against the same models, steps and frames in Debian's python3-opencv (face-match/bench/pipeline.py). Java and
     * Python run in alternating blocks in one run, so load from other processes on the two cores falls on both alike.
     */
    private void face() {
        // ADR 0001's models (no longer shipped), measured beside the licence-clear ones for comparison; Python's
        // "frames" runs the same.
        FacePipeline pipeline = new FacePipeline(FaceLocator.rfb(), FaceEmbedder.arcFace());
        // ADR 0011's licence-clear models from the face-models jar: what the product ships.
        FacePipeline clear = new FacePipeline(
                BlazeFaceLocator.fromOnnx(FaceModels.bytes(FaceModels.BLAZEFACE)),
                DlibEmbedder.fromOnnx(FaceModels.bytes(FaceModels.DLIB_RECOGNISER)));
        Mat portrait = DemoFrames.portrait();
        Mat frame = new Mat(480, 640, portrait.type(), new Scalar(90, 90, 90));
        portrait.submat(new Rect(0, 0, 512, 480)).copyTo(frame.submat(new Rect(64, 0, 512, 480)));
        byte[] jp2 = DemoFrames.chipPhotoJp2();
        int rounds = quick ? 3 : 5;
        int block = quick ? 10 : 30;
        int decisionBlock = quick ? 4 : 8;
        for (int i = 0; i < 10; i++) { // warm-up, not counted
            pipeline.analyse(frame);
            clear.analyse(frame);
        }
        List<Long> javaFrames = new ArrayList<>();
        List<Double> pythonFrames = new ArrayList<>();
        List<Long> clearFrames = new ArrayList<>();
        List<Double> pythonClearFrames = new ArrayList<>();
        List<Long> javaDecisions = new ArrayList<>();
        Mat chip = ((ChipPhoto.Decoded.Ok) ChipPhoto.decode(jp2)).grey();
        String pythonProblem = null;
        String opencvPython = "";
        try (FaceReference python = FaceReference.start(frame, jp2)) {
            opencvPython = python.opencv();
            for (int round = 0; round < rounds; round++) {
                timeFrames(pipeline, frame, block, javaFrames);
                pythonFrames.addAll(python.run("frames", block));
                timeFrames(clear, frame, block, clearFrames);
                pythonClearFrames.addAll(python.run("frames-clear", block));
                for (int i = 0; i < decisionBlock; i++) {
                    try (CameraSource camera = DemoFrames.camera()) {
                        long t0 = System.nanoTime();
                        var decision = FaceVerifier.defaults().verify(clear, chip, camera);
                        javaDecisions.add(System.nanoTime() - t0);
                        if (decision.decision() != FaceDecision.Decision.MATCH) {
                            throw new IllegalStateException("bench face decision " + decision);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            pythonProblem = e.getMessage();
        }
        if (javaFrames.size() < rounds * block) { // no Python: Java alone
            javaFrames.clear();
            timeFrames(pipeline, frame, rounds * block, javaFrames);
        }
        if (clearFrames.size() < rounds * block) {
            clearFrames.clear();
            timeFrames(clear, frame, rounds * block, clearFrames);
        }
        String javaOpenCv = "Java, openpnp OpenCV " + Core.VERSION + " DNN, " + Core.getNumThreads() + " threads";
        Stats java = framesRow(
                "Face, ADR 0001's models (comparison only, no longer shipped): RFB-320 + 68 landmarks + align + ArcFace"
                        + " embed per 640×480 frame (" + javaOpenCv + ")",
                javaFrames);
        pythonFramesRow(
                "… the same models, steps and frame in Debian's python3-opencv (face-match/bench/pipeline.py)",
                java,
                pythonFrames,
                pythonProblem,
                rounds,
                opencvPython);
        Stats javaClear = framesRow(
                "Face, licence-clear models (ADR 0011): BlazeFace + keypoints + dlib chip + dlib embed per 640×480 frame ("
                        + javaOpenCv + ")",
                clearFrames);
        pythonFramesRow(
                "… licence-clear models: the same models, steps and frame in Debian's python3-opencv"
                        + " (face-match/bench/pipeline.py frames-clear)",
                javaClear,
                pythonClearFrames,
                pythonProblem,
                rounds,
                opencvPython);
        long[] decode = new long[rounds * block * 4];
        for (int i = 0; i < decode.length; i++) {
            long t0 = System.nanoTime();
            var decoded = ChipPhoto.decode(jp2);
            decode[i] = System.nanoTime() - t0;
            if (decoded instanceof ChipPhoto.Decoded.Ok ok) {
                ok.grey().release();
            }
        }
        timed(
                "Chip photo decode (JPEG 2000, " + jp2.length + " B, 180×222 grey)",
                Stats.ofNanos(decode),
                "",
                "",
                Result.NONE);
        while (javaDecisions.size() < rounds * decisionBlock) { // no Python: Java alone
            try (CameraSource camera = DemoFrames.camera()) {
                long t0 = System.nanoTime();
                FaceVerifier.defaults().verify(clear, chip, camera);
                javaDecisions.add(System.nanoTime() - t0);
            }
        }
        Stats decisions =
                Stats.ofNanos(javaDecisions.stream().mapToLong(Long::longValue).toArray());
        timed(
                "Face: chip photo enrolment + first frame to MATCH (the shipped BlazeFace + dlib, 2 of ≤ 8 frames, the"
                        + " demo's head-turned views, every check incl. the pixel replay check)",
                decisions,
                "",
                "",
                Result.NONE);
    }

    /** {@code count} timed analyses of {@code frame}; a frame without a usable face stops the bench. */
    private static void timeFrames(FacePipeline pipeline, Mat frame, int count, List<Long> into) {
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            if (!(pipeline.analyse(frame) instanceof FacePipeline.Analysis.Face)) {
                throw new IllegalStateException("bench frame without a usable face");
            }
            into.add(System.nanoTime() - t0);
        }
    }

    private Stats framesRow(String what, List<Long> nanos) {
        Stats java = Stats.ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
        timed(what, java, "", "median ≤ 20 ms/frame", Result.atMost(java.median(), 20));
        return java;
    }

    /** The Python reference's row beside a Java row: its times and the Java/Python ratios, or why it is missing. */
    private void pythonFramesRow(
            String what, Stats java, List<Double> millis, String problem, int rounds, String opencvPython) {
        if (millis.isEmpty()) {
            row(Row.notMeasured(what, String.valueOf(problem), "Java ≤ 1.0× Python"));
            return;
        }
        Stats py = Stats.ofNanos(
                millis.stream().mapToLong(ms -> Math.round(ms * 1e6)).toArray());
        timed(
                what + ", in " + rounds + " blocks alternating with Java's",
                py,
                String.format(
                        Locale.ROOT,
                        "OpenCV %s; Java median %.2f× Python, min %.2f× (the minima are the least disturbed by other"
                                + " load)",
                        opencvPython,
                        java.median() / py.median(),
                        java.min() / py.min()),
                "Java median ≤ 1.0× Python",
                Result.atMost(java.median() / py.median(), 1.0));
    }

    /** face-match/bench/pipeline.py --serve with Debian's python3-opencv, on the same frame, chip photo and camera. */
    private static final class FaceReference implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final Writer in;
        private final Path dir;
        private final String opencv;

        private FaceReference(Process process, Path dir) throws IOException {
            this.process = process;
            this.dir = dir;
            this.out = process.inputReader(StandardCharsets.UTF_8);
            this.in = process.outputWriter(StandardCharsets.UTF_8);
            var hello = new ObjectMapper().readTree(line());
            this.opencv = hello.path("opencv").asText("?");
        }

        static FaceReference start(Mat frame, byte[] chipJp2) throws IOException {
            Path script = Path.of("face-match", "bench", "pipeline.py");
            Path python = Path.of("/usr/bin/python3");
            if (!Files.isRegularFile(script) || !Files.isExecutable(python)) {
                throw new IOException("needs the source tree and /usr/bin/python3 with python3-opencv");
            }
            Path dir = Files.createTempDirectory("uketsuke-face-bench");
            for (String name : FaceModels.PINNED.keySet()) {
                Files.write(dir.resolve(name), FaceModels.bytes(name));
            }
            Imgcodecs.imwrite(dir.resolve("frame.png").toString(), frame);
            Files.write(dir.resolve("chip.jp2"), chipJp2);
            List<String> command = new ArrayList<>(List.of(
                    python.toString(),
                    script.toString(),
                    "--serve",
                    dir.toString(),
                    dir.resolve("frame.png").toString(),
                    dir.resolve("chip.jp2").toString()));
            // The recorded camera of the Java decision, frame for frame (DemoFrames.camera()).
            try (var camera = DemoFrames.camera()) {
                for (int i = 0; i < 4; i++) {
                    if (camera.next() instanceof CameraSource.Capture.Got got) {
                        Path file = dir.resolve("camera" + i + ".png");
                        Imgcodecs.imwrite(file.toString(), got.frame().pixels());
                        got.frame().clear();
                        command.add(file.toString());
                    }
                }
            }
            return new FaceReference(
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start(),
                    dir);
        }

        String opencv() {
            return opencv;
        }

        List<Double> run(String what, int count) throws IOException {
            in.write(what + " " + count + "\n");
            in.flush();
            var json = new ObjectMapper().readTree(line());
            if (!json.has("times")) {
                throw new IOException("python reference: " + json);
            }
            List<Double> times = new ArrayList<>();
            json.get("times").forEach(t -> times.add(t.asDouble()));
            return times;
        }

        private String line() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("python3-opencv reference ended (is python3-opencv installed?)");
            }
            return line;
        }

        @Override
        public void close() throws IOException {
            try {
                in.write("quit\n");
                in.flush();
            } catch (IOException e) {
                // already gone
            }
            process.destroy();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** Resident memory after 100 patients (goal ≤ 350 MB). */
    private void memory(Path work) throws Exception {
        Process visits = new ProcessBuilder(
                        javaCommand(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.uketsuke.app.Uketsuke",
                        "demo",
                        "--headless",
                        "--once",
                        "--visits",
                        "100",
                        "--data-dir",
                        work.resolve("rss").toString())
                .redirectErrorStream(false)
                .start();
        String last = new String(visits.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("residentKiB"))
                .findFirst()
                .orElse("");
        visits.waitFor();
        var json = new ObjectMapper().readTree(last.isEmpty() ? "{}" : last);
        String what = "Resident memory after 100 patients (headless PIN visits, one JVM, default heap settings)";
        if (!json.has("residentKiB")) {
            row(Row.notMeasured(what, "the demo printed no residentKiB", "≤ 350 MB"));
            return;
        }
        double mb = json.get("residentKiB").asLong() / 1024.0;
        figure(
                what,
                String.format(
                        Locale.ROOT,
                        "%.0f MB RSS (heap in use %.0f MB)",
                        mb,
                        json.get("heapUsedKiB").asLong() / 1024.0),
                "≤ 350 MB",
                Result.atMost(mb, 350));
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Qualification sampleQualification() {
        return new Qualification(
                new InsuranceCardId(InsurerNumber.of("01130012"), "12345678", "1234567", "00"),
                "全国健康保険協会東京支部",
                "受付　花子",
                "ｳｹﾂｹ ﾊﾅｺ",
                LocalDate.of(1980, 2, 17),
                Sex.FEMALE,
                PersonalFamily.INSURED,
                new ContributionRatio(30),
                LocalDate.of(2020, 4, 1));
    }

    private void row(Row row) {
        rows.add(row);
        row.figure().ifPresent(figures::add);
        System.out.println(row.line());
    }

    private void timed(String what, Stats stats, String detail, String goal, Result result) {
        row(new Row(what, Optional.of(stats), detail, goal, result));
    }

    private void figure(String what, String detail, String goal, Result result) {
        row(new Row(what, Optional.empty(), detail, goal, result));
    }

    static final String NOTES_MARKER = "<!-- Notes below this line are written by hand;";

    /**
     * Seeds in a child JVM ({@link HistorySeed#main}), so the bulk insert's memory does not count in this JVM's RSS.
     */
    private static long seedHistory(Path work, long history) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process seed = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HistorySeed.class.getName(),
                        work.toString(),
                        Long.toString(history))
                .inheritIO()
                .start();
        if (seed.waitFor() != 0) {
            throw new IOException("seeding " + history + " earlier confirmations failed");
        }
        // The seed writes its files without fsync; a terminal's years of history are on the disk, not in the page
        // cache. Left dirty, the kernel writes them back during the timed visits, and on ext4 each visit's fsync waits
        // for a journal commit carrying the seed's pending metadata: that, not the history, made the 10⁶ row's tail.
        Process sync = new ProcessBuilder("sync", "--file-system", work.toString())
                .inheritIO()
                .start();
        if (sync.waitFor() != 0) {
            throw new IOException("sync of the seeded history failed");
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private void write(BenchHistory.Run run, List<String> changes, Duration took) throws IOException {
        String date = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
                .withZone(ZoneId.systemDefault())
                .format(Instant.now());
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Regenerated by `./uketsuke bench")
                .append(quick ? " --quick" : "")
                .append(
                        only.isEmpty()
                                ? ""
                                : " --only "
                                        + String.join(
                                                ",",
                                                only.stream().map(Step::name).toList()))
                .append("` on ")
                .append(date)
                .append(String.format(Locale.ROOT, " in %.1f min", took.toSeconds() / 60.0))
                .append(".\n\n");
        md.append("- Machine: ")
                .append(cpu())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .append(" MiB max heap; load average (1/5/15 min) ")
                .append(run.loadBefore())
                .append(" before, ")
                .append(run.loadAfter())
                .append(" after\n");
        md.append("- JDK: ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append('\n');
        md.append(
                "- Everything on loopback; the virtual card through a real pcscd + vpcd; times exclude human steps.\n");
        md.append("- ").append(quiet.summary(settleAtMost())).append('\n');
        md.append(
                "- n, min, median, p95, p99: of the n timed repetitions of each row (nearest rank; with n < 100 the p99"
                        + " is the largest). Rows without them are counts, sizes or ratios (their figure under \"also measured\").\n");
        md.append(
                "- Floors: the same machine's cost of the parts a figure cannot go below, measured in the same run; the"
                        + " ratio rows divide by them, so a goal can be checked on any CPU. A floor's p95 is the least of"
                        + " its blocks of " + Floors.FLOOR_BLOCK + " measurements in a row: a burst of other load in"
                        + " one block cannot raise it (and flatter a ratio).\n");
        md.append(
                "- Change: against the previous full run on the same CPU model in [bench-history.jsonl](bench-history.jsonl)"
                        + " (every run appends its figures there); ⚠ marks a regression over 10 %.\n\n");
        md.append(BenchTable.markdown(rows, changes));
        md.append(
                "\nGrowth with the history (p95 and RSS against N, log scale): [bench-growth.csv](bench-growth.csv)\n\n"
                        + "![p95 and RSS against N](bench-growth.png)\n");
        md.append("\nBefore/after of the tuning so far, and the JFR profile of a visit: [tuning.md](tuning.md).\n");
        md.append(
                "\nThe mock backend runs on the same two cores as the clients in the throughput and batch figures. The face\n"
                        + "reference uses Debian's OpenCV 4.6 (the Java side bundles 4.9): same models, pre/post-processing and frame.\n");
        // Hand-written notes (other measurements, their circumstances) follow the marker and survive a new run.
        String notes = NOTES_MARKER + " ./uketsuke bench keeps them when it rewrites the table. -->\n";
        if (Files.exists(out)) {
            String before = Files.readString(out);
            int at = before.indexOf(NOTES_MARKER);
            if (at >= 0) {
                notes = before.substring(at);
            }
        }
        md.append('\n').append(notes);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md.toString());
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
