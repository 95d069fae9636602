package org.uketsuke.tools.bench;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.uketsuke.app.CompilerPriority;
import org.uketsuke.app.reception.PcscCardSlot;
import org.uketsuke.app.reception.ReceptionSteps;
import org.uketsuke.app.reception.VisitTimings;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.sink.DurableWrites;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.reader.pcsc.PcscReaders;

/**
 * The card → store row's terminal, in its own JVM with the product's JVM options ({@link ProductJvmOptions}), as a
 * counter's terminal runs: the card through pcscd + vpcd (the virtual card served by the bench's JVM), the mock backend
 * in a JVM of its own over mTLS, its outbox, SQLite store and face folder. Sharing the bench's JVM with the backend, the
 * card and what the earlier rows left on its heap put that JVM's collections (young pauses of 12–25 ms) into the
 * visits' tail (docs/tuning.md, issue #23 sixth round).
 *
 * <p>It makes {@code warmUps} untimed visits (class loading and the JIT's compilations of a terminal that has served a
 * while), waits for its compilers to go quiet as a kiosk's do between patients (printing {@code compilers-quiet MS}),
 * then {@code runs} timed ones, each printed as {@code visit TOTAL CARD BACKEND SINKS} (nanoseconds), then
 * {@code cpu NANOS} (the JVM's CPU) and {@code writes COMMITS FSYNCS} over the timed visits, and {@code done}.
 *
 * <p>Arguments: terminal folder (outbox.db, rececon.db, face/), backend URI, terminal PKCS#12 file, its password,
 * backend CA PEM file, the card's PIN, PC/SC reader name, untimed visits, timed visits.
 */
public final class VisitTerminal {

    private static final String INSTITUTION = "1311234567";

    /** The longest pause for the compilers after the untimed visits ({@link ThreadCpu#awaitQuietCompilers}). */
    static final Duration QUIET_AT_MOST = Duration.ofSeconds(15);

    private VisitTerminal() {}

    public static void main(String[] args) throws Exception {
        CompilerPriority.lower(); // as the windowed kiosk, whose visits these are
        Path work = Path.of(args[0]);
        TlsMaterial tls = TlsMaterial.fromPkcs12(Path.of(args[2]), args[3].toCharArray(), Path.of(args[4]));
        String pin = args[5];
        String reader = args[6];
        int warmUps = Integer.parseInt(args[7]);
        int runs = Integer.parseInt(args[8]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PcscReaders readers = new PcscReaders();
        awaitCard(readers, reader);
        try (PcscCardSlot slot = new PcscCardSlot(readers, reader);
                RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                        work.resolve("outbox.db"),
                        work.resolve("rececon.db"),
                        work.resolve("face"),
                        INSTITUTION,
                        StandardCharsets.UTF_8))) {
            ReceptionSteps steps = TerminalProcess.steps(slot, URI.create(args[1]), tls, bridge);
            for (int i = 0; i < warmUps; i++) {
                TerminalProcess.pinVisit(steps, pin, "visit terminal");
            }
            out.println("compilers-quiet "
                    + ThreadCpu.awaitQuietCompilers(QUIET_AT_MOST).toMillis());
            DurableWrites.Count before = DurableWrites.onThisThread();
            Duration cpuBefore = cpu();
            Map<String, Long> threadsBefore = ThreadCpu.byKind();
            for (int i = 0; i < runs; i++) {
                VisitTimings t = TerminalProcess.pinVisit(steps, pin, "visit terminal");
                out.println(
                        "visit " + t.totalNanos() + " " + t.cardNanos() + " " + t.backendNanos() + " " + t.sinkNanos());
            }
            DurableWrites.Count writes = DurableWrites.onThisThread().since(before);
            out.println("cpu " + cpu().minus(cpuBefore).toNanos());
            ThreadCpu.since(threadsBefore).forEach((kind, nanos) -> out.println("thread-cpu " + kind + " " + nanos));
            out.println("writes " + writes.commits() + " " + writes.fsyncs());
            out.println("done");
        }
    }

    /**
     * Waits (≤ 10 s) until a session opens on the card: pcscd may still report the card of a session that just ended
     * (vpcd's card removed, not yet polled), which is gone when the first visit connects.
     */
    private static void awaitCard(PcscReaders readers, String reader) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            SessionOpening opening = readers.open(reader);
            if (opening instanceof SessionOpening.Open open) {
                open.transport().close();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no card session on " + reader + ": " + opening);
            }
            Thread.sleep(100);
        }
    }

    /** This JVM's CPU time so far: every thread, the JIT's and the collector's too. */
    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
