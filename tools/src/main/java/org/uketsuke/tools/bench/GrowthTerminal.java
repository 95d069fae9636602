package org.uketsuke.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.uketsuke.app.CompilerPriority;
import org.uketsuke.app.reception.ReceptionSteps;
import org.uketsuke.app.reception.VirtualCardSlot;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;

/**
 * The growth rows' memory figure: a terminal in its own JVM — as a clinic runs it, without the bench's mock backend,
 * its earlier rows or the history's seeding — opens the outbox, SQLite store and face folder that hold N earlier
 * confirmations, makes card → store visits (in-process card, the bench's mock backend over mTLS) and prints its
 * resident set after a collection: {@code rssKiB R}. The bench JVM's own RSS grows with what it ran before (the JIT's
 * arenas, classes, G1's heap sizing after each series), not with N (docs/tuning.md, issue #23 fourth round).
 *
 * <p>Arguments: terminal folder (outbox.db, rececon.db, face/), backend URI, terminal PKCS#12 file, its password,
 * backend CA PEM file, card file ({@link TerminalProcess#writeCard}), visits.
 */
public final class GrowthTerminal {

    private static final String INSTITUTION = "1311234567";
    private static final Duration UNCOMMIT_WAIT = Duration.ofSeconds(1);

    private GrowthTerminal() {}

    public static void main(String[] args) throws Exception {
        CompilerPriority.lower(); // as the windowed kiosk, whose visits these are
        Path work = Path.of(args[0]);
        TlsMaterial tls = TlsMaterial.fromPkcs12(Path.of(args[2]), args[3].toCharArray(), Path.of(args[4]));
        IssuedCard card = TerminalProcess.readCard(Path.of(args[5]));
        int visits = Integer.parseInt(args[6]);
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                work.resolve("outbox.db"),
                work.resolve("rececon.db"),
                work.resolve("face"),
                INSTITUTION,
                StandardCharsets.UTF_8))) {
            VirtualCardSlot slot = Soak.slotWith(card);
            ReceptionSteps steps = TerminalProcess.steps(slot, URI.create(args[1]), tls, bridge);
            for (int i = 0; i < visits; i++) {
                TerminalProcess.visit(steps, slot, card.pin(), 0);
            }
            System.gc();
            // G1 returns the regions a full collection freed from its service thread, after the pause: read the RSS
            // once that has run, or it counts heap about to be given back (the bench JVM's RSS varied ±20 % so).
            Thread.sleep(UNCOMMIT_WAIT);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("rssKiB " + Soak.rssKb());
        }
    }

    /**
     * The RSS of {@code runs} fresh terminal JVMs on {@code work}, sorted: two alike varied by ≈ 8 % (G1's heap
     * sizing), as much as the goal's band, so the row takes the median.
     */
    static long[] residentKiB(MockBackend backend, Path work, int runs, int visits) throws Exception {
        long[] rss = new long[runs];
        for (int r = 0; r < runs; r++) {
            rss[r] = residentKiB(backend, work, visits);
        }
        Arrays.sort(rss);
        return rss;
    }

    /** Runs {@link #main} in a fresh JVM on {@code work} (the bench's bridge idle meanwhile); its RSS in KiB. */
    private static long residentKiB(MockBackend backend, Path work, int visits) throws Exception {
        Path files = work.resolve("growth-terminal");
        Files.createDirectories(files);
        BatchTerminalProcess.writeTls(backend.terminalTls(), files);
        TerminalProcess.writeCard(backend.issueCard(30), files.resolve("card.txt"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                GrowthTerminal.class.getName(),
                work.toString(),
                backend.baseUri().toString(),
                files.resolve("terminal.p12").toString(),
                BatchTerminalProcess.PASSWORD,
                files.resolve("ca.pem").toString(),
                files.resolve("card.txt").toString(),
                Integer.toString(visits)));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("the growth terminal failed: " + output);
        }
        return output.lines()
                .filter(l -> l.startsWith("rssKiB "))
                .mapToLong(l -> Long.parseLong(l.substring("rssKiB ".length())))
                .findFirst()
                .orElseThrow(() -> new IOException("the growth terminal printed no rssKiB: " + output));
    }
}
