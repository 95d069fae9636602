package org.uketsuke.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.uketsuke.app.CompilerPriority;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.reception.CardSlot;
import org.uketsuke.app.reception.ReceptionServices;
import org.uketsuke.app.reception.ReceptionSteps;
import org.uketsuke.app.reception.VirtualCardSlot;
import org.uketsuke.app.reception.VisitTimings;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.DeliveryWorker;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.mockbackend.IssuedCard;

/**
 * One terminal of the multi-terminal bench, in its own JVM (the product's JVM options and the proposed kiosk flags:
 * {@link ProductJvmOptions}): its own virtual card (in-process, no pcscd), its own
 * outbox and delivery worker, the one mock backend shared by every terminal (over mTLS, one kept-alive connection),
 * delivering into the shared PostgreSQL store. After its untimed warm-up visits and a pause for its compilers to go
 * quiet ({@link ThreadCpu#awaitQuietCompilers}) it prints {@code ready} and waits
 * for {@code go EPOCH_MS} on its input: then patients arrive at random (Poisson, the given mean rate) from that
 * instant, and each visit prints {@code nanos T}, from the patient's arrival (waiting included, when the previous
 * visit ran long) to the confirmation committed to the outbox. Then {@code cpu KIND NANOS} per kind of thread
 * ({@link ThreadCpu}: its CPU over the paced visits) and {@code paced-done}; on {@code burst} it runs its
 * burst visits back to back and prints {@code burst START_US END_US N} (epoch microseconds), then {@code key K STATE}
 * per outbox entry once the outbox is empty, and {@code done}.
 *
 * <p>Arguments: work folder, terminal number, JDBC URL, user, password, store CA file or {@code plain}, backend URI,
 * terminal PKCS#12 file, its password, backend CA PEM file, card file ({@link #writeCard}), paced visits, arrivals per
 * second, burst visits, untimed warm-up visits.
 */
public final class TerminalProcess {

    private static final String INSTITUTION = "1311234567";
    /** The fewest untimed visits before {@code ready}: class loading, the TLS handshake, the store's first connection. */
    static final int WARM_UP = 3;

    static final int WARM_UP_TRIES = 3;

    private TerminalProcess() {}

    public static void main(String[] args) throws Exception {
        CompilerPriority.lower(); // as the windowed kiosk, whose visits these are
        Path work = Path.of(args[0]);
        int terminal = Integer.parseInt(args[1]);
        TlsMaterial tls = TlsMaterial.fromPkcs12(Path.of(args[7]), args[8].toCharArray(), Path.of(args[9]));
        IssuedCard card = readCard(Path.of(args[10]));
        int visits = Integer.parseInt(args[11]);
        double rate = Double.parseDouble(args[12]);
        int burst = Integer.parseInt(args[13]);
        int warmUps = Integer.parseInt(args[14]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (RececonBridge bridge = RececonBridge.open(
                        new BridgeConfig(work.resolve("outbox.db"), null, null, INSTITUTION, StandardCharsets.UTF_8)
                                .withPostgres(target(args)));
                DeliveryWorker worker =
                        new DeliveryWorker(bridge, Duration.ofMillis(20), Duration.ofMillis(500)).start()) {
            VirtualCardSlot slot = Soak.slotWith(card);
            ReceptionSteps steps = steps(slot, URI.create(args[6]), tls, bridge);
            warmUp(warmUps, () -> visit(steps, slot, card.pin(), terminal));
            ThreadCpu.awaitQuietCompilers(VisitTerminal.QUIET_AT_MOST); // as a kiosk's between patients
            // The shared start instant on this JVM's nanoTime; arrivals follow it, the same for every terminal.
            long start = Terminals.awaitGo(out, in, String.valueOf(terminal));
            Map<String, Long> threadsAtGo = ThreadCpu.byKind();
            Random arrivals = new Random(1_000L + terminal);
            long arrival = start;
            for (int i = 0; i < visits; i++) {
                arrival += (long) (-Math.log(1 - arrivals.nextDouble()) / rate * 1e9);
                long wait = arrival - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                visit(steps, slot, card.pin(), terminal);
                out.println("nanos " + (System.nanoTime() - arrival));
            }
            ThreadCpu.since(threadsAtGo).forEach((kind, nanos) -> out.println("cpu " + kind + " " + nanos));
            out.println("paced-done");
            if (!"burst".equals(in.readLine())) {
                throw new IllegalStateException("terminal " + terminal + ": expected burst");
            }
            long burstStart = epochMicros();
            for (int i = 0; i < burst; i++) {
                visit(steps, slot, card.pin(), terminal);
            }
            out.println("burst " + burstStart + " " + epochMicros() + " " + burst);
            worker.wake();
            printKeys(bridge, out);
        }
    }

    /**
     * {@code visits} successful visits, each tried up to {@value #WARM_UP_TRIES} times: while 20 JVMs start at once
     * on 2 cores, the first request may pass the client's 10 s timeout before the cold backend answers. A failed visit
     * confirmed nothing in the outbox, so it adds no key; after the warm-up a failed visit ends the terminal.
     */
    static void warmUp(int visits, Runnable visit) {
        for (int done = 0; done < visits; done++) {
            for (int attempt = 1; ; attempt++) {
                try {
                    visit.run();
                    break;
                } catch (RuntimeException e) { // a failed step, or none to run after it
                    if (attempt == WARM_UP_TRIES) {
                        throw e;
                    }
                }
            }
        }
    }

    /** A terminal's visit steps: its card slot, the backend over mTLS, its bridge. */
    static ReceptionSteps steps(CardSlot slot, URI backend, TlsMaterial tls, RececonBridge bridge) {
        return new ReceptionSteps(new ReceptionServices(
                slot,
                new HttpsEligibilityClient(backend, tls, Duration.ofSeconds(10), INSTITUTION, Clock.systemUTC()),
                bridge,
                Clock.systemUTC()));
    }

    /** One PIN visit: card present → confirmed and committed to the outbox (delivery to the store follows). */
    static void visit(ReceptionSteps steps, VirtualCardSlot slot, String pin, int terminal) {
        slot.insert();
        try {
            pinVisit(steps, pin, "terminal " + terminal);
        } finally {
            slot.remove();
        }
    }

    /**
     * A PIN visit on the card in the slot: read, PIN, confirm into the sinks, end; its timings. A step that does not
     * succeed ends the bench ({@code who} names the terminal).
     */
    static VisitTimings pinVisit(ReceptionSteps steps, String pin, String who) {
        VisitEvent ready = steps.run(new VisitCommand.ReadCard()).orElseThrow();
        VisitEvent verified = steps.run(new VisitCommand.VerifyPin(pin)).orElseThrow();
        VisitEvent done =
                steps.run(new VisitCommand.Confirm(Consents.all(Consent.NO))).orElseThrow();
        VisitTimings timings = steps.timings();
        steps.run(new VisitCommand.EndVisit());
        if (!(ready instanceof VisitEvent.CardReady)
                || !(verified instanceof VisitEvent.PinVerified)
                || !(done instanceof VisitEvent.Confirmed)) {
            throw new IllegalStateException(who + ": " + ready + " / " + verified + " / " + done);
        }
        return timings;
    }

    private static long epochMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** A card the shared backend issued, for a terminal's JVM: certificate, CA certificate, key (PKCS#8), PIN. */
    static void writeCard(IssuedCard card, Path file) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        Files.write(
                file,
                List.of(
                        b64.encodeToString(card.authCertDer()),
                        b64.encodeToString(card.authCaCertDer()),
                        b64.encodeToString(card.authKey().getEncoded()),
                        card.pin()),
                StandardCharsets.US_ASCII);
    }

    static IssuedCard readCard(Path file) throws IOException, GeneralSecurityException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        Base64.Decoder b64 = Base64.getDecoder();
        return new IssuedCard(
                b64.decode(lines.get(0)),
                b64.decode(lines.get(1)),
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(b64.decode(lines.get(2)))),
                lines.get(3),
                null);
    }

    /** The shared PostgreSQL store from arguments 2–5 (JDBC URL, user, password, server CA file or "plain"). */
    static PostgresTarget target(String[] args) {
        boolean plain = args[5].equals("plain");
        return PostgresTarget.configured(args[2], args[3], args[4], plain ? null : Path.of(args[5]), plain);
    }

    /** Waits (≤ 60 s) for the outbox to empty, then prints every entry's key and state, and "done". */
    static void printKeys(RececonBridge bridge, PrintStream out) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (bridge.hasPending() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (DeliveryStatus status : bridge.statuses()) {
            out.println("key " + status.idempotencyKey() + " " + status.state());
        }
        out.println("done");
    }
}
