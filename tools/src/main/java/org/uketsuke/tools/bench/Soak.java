package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.reception.ReceptionServices;
import org.uketsuke.app.reception.ReceptionSteps;
import org.uketsuke.app.reception.VirtualCardSlot;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.DeliveryWorker;
import org.uketsuke.bridge.FaceFolderSink;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.csv.CsvExportSink;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/**
 * A bounded soak: N patients in a loop through the real parts — virtual cards behind the production driver and guard,
 * the mock backend over mTLS, the outbox and its worker into the SQLite store, the face folder and the CSV export —
 * with faults drawn at random per visit (backend 503, connection reset, slow answer, malformed XML, wrong nonce, card
 * pulled mid-visit, the レセコン's share gone for a while). A patient whose visit failed tries once more, as at a
 * counter. At the end every confirmed visit must be in every sink exactly once, and nothing else may be.
 */
public final class Soak {

    /** What can go wrong in one visit. */
    public enum FaultKind {
        NONE,
        BACKEND_503,
        CONNECTION_RESET,
        SLOW_BACKEND,
        MALFORMED_XML,
        WRONG_NONCE,
        CARD_PULLED,
        SHARE_GONE
    }

    /** The figures of one soak. {@code lost}/{@code duplicated} must be 0. */
    public record Report(
            int patients,
            int visits,
            int confirmed,
            int failedTyped,
            Map<FaultKind, Integer> faults,
            double seconds,
            double p50Ms,
            double p95Ms,
            double p99Ms,
            long heapStartBytes,
            long heapEndBytes,
            long rssStartKb,
            long rssEndKb,
            int lost,
            int duplicated) {

        public List<String> lines() {
            return List.of(
                    String.format(
                            "soak: %d patients, %d visits (%d confirmed, %d failed with a typed outcome) in %.1f s: %.1f visits/s",
                            patients, visits, confirmed, failedTyped, seconds, visits / seconds),
                    "soak: faults injected " + faults,
                    String.format(
                            "soak: machine time per visit p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", p50Ms, p95Ms, p99Ms),
                    String.format(
                            "soak: heap after GC %.1f MB -> %.1f MB, RSS %.1f MB -> %.1f MB",
                            heapStartBytes / 1e6, heapEndBytes / 1e6, rssStartKb / 1e3, rssEndKb / 1e3),
                    String.format("soak: lost %d, duplicated %d", lost, duplicated));
        }
    }

    private static final String INSTITUTION = "1311234567";
    private static final int CARDS = 5;

    private Soak() {}

    /**
     * @param faultRate the share of visits with a fault (0–1)
     */
    public static Report run(Path work, int patients, double faultRate, long seed) throws Exception {
        Random random = new Random(seed);
        Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
        Path face = work.resolve("face");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(work.resolve("backend"), 0, seed, 200));
                RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                                work.resolve("outbox.db"),
                                work.resolve("rececon.db"),
                                face,
                                INSTITUTION,
                                StandardCharsets.UTF_8)
                        .withCsvExport(new CsvExport(work.resolve("csv"), StandardCharsets.UTF_8)));
                DeliveryWorker worker =
                        new DeliveryWorker(bridge, Duration.ofMillis(20), Duration.ofMillis(500)).start()) {
            HttpsEligibilityClient client = new HttpsEligibilityClient(
                    backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(2), INSTITUTION, Clock.systemUTC());
            List<IssuedCard> issued = new ArrayList<>();
            List<VirtualCardSlot> slots = new ArrayList<>();
            List<ReceptionSteps> steps = new ArrayList<>();
            for (int c = 0; c < CARDS; c++) {
                IssuedCard card = backend.issueCard(c * 7 + 1);
                VirtualCardSlot slot = slotWith(card);
                issued.add(card);
                slots.add(slot);
                steps.add(new ReceptionSteps(new ReceptionServices(slot, client, bridge, Clock.systemUTC())));
            }
            long heapStart = 0;
            long rssStart = 0;
            long[] times = new long[patients * 2];
            int visits = 0;
            int confirmed = 0;
            int failed = 0;
            long started = System.nanoTime();
            for (int patient = 0; patient < patients; patient++) {
                if (patient == Math.min(patients - 1, Math.max(10, patients / 10))) {
                    heapStart = heapAfterGc(); // after warm-up
                    rssStart = rssKb();
                }
                int c = random.nextInt(CARDS);
                FaultKind fault = random.nextDouble() < faultRate
                        ? FaultKind.values()[1 + random.nextInt(FaultKind.values().length - 1)]
                        : FaultKind.NONE;
                faults.merge(fault, 1, Integer::sum);
                for (int attempt = 0; attempt < 2; attempt++) {
                    long t0 = System.nanoTime();
                    VisitEvent outcome = visit(
                            steps.get(c),
                            slots.get(c),
                            issued.get(c),
                            backend,
                            face,
                            attempt == 0 ? fault : FaultKind.NONE);
                    times[visits++] = System.nanoTime() - t0;
                    if (outcome instanceof VisitEvent.Confirmed) {
                        confirmed++;
                        break;
                    }
                    if (!(outcome instanceof VisitEvent.Failed) && !(outcome instanceof VisitEvent.PinRejected)) {
                        throw new IllegalStateException("visit ended untyped: " + outcome);
                    }
                    failed++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            worker.wake();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (bridge.statuses().stream().anyMatch(s -> s.state() != DeliveryStatus.State.DELIVERED)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long heapEnd = heapAfterGc();
            long rssEnd = rssKb();
            long[] measured = Arrays.copyOf(times, visits);
            Arrays.sort(measured);
            int entries = bridge.statuses().size();
            int delivered = (int) bridge.statuses().stream()
                    .filter(s -> s.state() == DeliveryStatus.State.DELIVERED)
                    .count();
            // Keys, not counts: a lost entry and a doubled one cancel out in a count.
            List<String> outboxKeys = bridge.statuses().stream()
                    .map(DeliveryStatus::idempotencyKey)
                    .toList();
            Set<String> expected = new HashSet<>(outboxKeys);
            List<String> faceDigests;
            try (Stream<Path> files = Files.list(face)) {
                faceDigests = files.map(p -> p.getFileName().toString())
                        .filter(name -> name.endsWith(".xml"))
                        .map(FaceFolderSink::keyDigestOf)
                        .toList();
            }
            List<KeyComparison> sinks = List.of(
                    KeyComparison.of(expected, outboxKeys),
                    KeyComparison.of(expected, storeKeys(work.resolve("rececon.db"))),
                    KeyComparison.of(
                            expected.stream().map(FaceFolderSink::keyDigest).collect(Collectors.toSet()), faceDigests),
                    KeyComparison.of(expected, CsvExportSink.keysIn(work.resolve("csv"))));
            int lost = Math.max(0, confirmed - entries)
                    + (entries - delivered)
                    + sinks.stream().mapToInt(KeyComparison::lost).sum();
            int duplicated = Math.max(0, entries - confirmed)
                    + sinks.stream().mapToInt(KeyComparison::doubled).sum();
            return new Report(
                    patients,
                    visits,
                    confirmed,
                    failed,
                    faults,
                    seconds,
                    ms(measured, 0.50),
                    ms(measured, 0.95),
                    ms(measured, 0.99),
                    heapStart,
                    heapEnd,
                    rssStart,
                    rssEnd,
                    lost,
                    duplicated);
        }
    }

    private static VisitEvent visit(
            ReceptionSteps steps,
            VirtualCardSlot slot,
            IssuedCard card,
            MockBackend backend,
            Path face,
            FaultKind fault)
            throws IOException {
        Path aside = face.resolveSibling("face-away");
        switch (fault) {
            case BACKEND_503 -> backend.injectFault(new Fault.Status(503), 1);
            case CONNECTION_RESET -> backend.injectFault(new Fault.Reset(), 1);
            case SLOW_BACKEND ->
                backend.injectFault(new Fault.Latency(Duration.ofMillis(2500)), 1); // past the 2 s timeout
            case MALFORMED_XML -> backend.injectFault(new Fault.Malformed(), 2);
            case WRONG_NONCE -> backend.injectFault(new Fault.WrongNonce(), 1);
            case SHARE_GONE -> {
                Files.move(face, aside);
                Files.writeString(face, "share gone");
            }
            case NONE, CARD_PULLED -> {}
        }
        try {
            slot.insert();
            VisitEvent event = steps.run(new VisitCommand.ReadCard()).orElseThrow();
            if (event instanceof VisitEvent.CardReady) {
                if (fault == FaultKind.CARD_PULLED) {
                    slot.remove();
                }
                event = steps.run(new VisitCommand.VerifyPin(card.pin())).orElseThrow();
                if (event instanceof VisitEvent.PinVerified) {
                    event = steps.run(new VisitCommand.Confirm(Consents.all(Consent.NO)))
                            .orElseThrow();
                }
            }
            steps.run(new VisitCommand.EndVisit());
            slot.remove();
            return event;
        } finally {
            backend.injectFault(new Fault.None(), 0);
            if (fault == FaultKind.SHARE_GONE) {
                Files.delete(face);
                Files.move(aside, face);
            }
        }
    }

    /** A card slot holding an in-process virtual card of {@code card} (no pcscd). */
    static VirtualCardSlot slotWith(IssuedCard card) {
        MyNumberCardSimulator simulator = new MyNumberCardSimulator(
                new CardPersonalisation(card.authCertDer(), card.authCaCertDer(), card.authKey(), card.pin()));
        return new VirtualCardSlot(new VirtualCardSlot.Card() {
            @Override
            public void reset() {
                simulator.reset();
            }

            @Override
            public ApduTransport open() {
                return VirtualCardTransport.open(simulator);
            }
        });
    }

    private static double ms(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1));
        return sorted[index] / 1e6;
    }

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static long rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<String> storeKeys(Path db) throws Exception {
        List<String> keys = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
                var rs = c.createStatement().executeQuery("select idempotency_key from qualification")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }
}
