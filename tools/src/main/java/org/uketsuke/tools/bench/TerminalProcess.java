package org.uketsuke.tools.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.reception.ReceptionServices;
import org.uketsuke.app.reception.ReceptionSteps;
import org.uketsuke.app.reception.VirtualCardSlot;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.DeliveryWorker;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * One terminal of the multi-terminal bench, in its own JVM: its own virtual card (in-process, no pcscd) and its own
 * mock backend over mTLS, its own outbox and delivery worker, delivering into the shared PostgreSQL store. Prints
 * {@code key K} for every confirmation and {@code nanos T} for every visit (card present → committed to the outbox and
 * delivered), then {@code done} once its outbox is empty. The timed visits start when every terminal is set up and
 * warmed up ({@link Terminals#ready}).
 *
 * <p>Arguments: work folder, terminal number, JDBC URL, user, password, server CA file or {@code plain}, visits.
 */
public final class TerminalProcess {

    private static final String INSTITUTION = "1311234567";
    /** Untimed visits before the terminals start together (their confirmations are compared like the others). */
    static final int WARM_UP = 3;

    private TerminalProcess() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int terminal = Integer.parseInt(args[1]);
        PostgresTarget target = target(args);
        int visits = Integer.parseInt(args[6]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (MockBackend backend =
                        MockBackend.start(new MockBackendConfig(work.resolve("backend"), 0, 100L + terminal, 20));
                RececonBridge bridge = RececonBridge.open(
                        new BridgeConfig(work.resolve("outbox.db"), null, null, INSTITUTION, StandardCharsets.UTF_8)
                                .withPostgres(target));
                DeliveryWorker worker =
                        new DeliveryWorker(bridge, Duration.ofMillis(20), Duration.ofMillis(500)).start()) {
            IssuedCard card = backend.issueCard(terminal);
            VirtualCardSlot slot = Soak.slotWith(card);
            ReceptionSteps steps = new ReceptionSteps(new ReceptionServices(
                    slot,
                    new HttpsEligibilityClient(
                            backend.baseUri(),
                            backend.terminalTls(),
                            Duration.ofSeconds(10),
                            INSTITUTION,
                            Clock.systemUTC()),
                    bridge,
                    Clock.systemUTC()));
            for (int i = -WARM_UP; i < visits; i++) {
                if (i == 0) {
                    Terminals.ready(work);
                }
                long t0 = System.nanoTime();
                slot.insert();
                VisitEvent ready = steps.run(new VisitCommand.ReadCard()).orElseThrow();
                VisitEvent verified =
                        steps.run(new VisitCommand.VerifyPin(card.pin())).orElseThrow();
                VisitEvent done = steps.run(new VisitCommand.Confirm(Consents.all(Consent.NO)))
                        .orElseThrow();
                steps.run(new VisitCommand.EndVisit());
                slot.remove();
                if (!(ready instanceof VisitEvent.CardReady)
                        || !(verified instanceof VisitEvent.PinVerified)
                        || !(done instanceof VisitEvent.Confirmed)) {
                    throw new IllegalStateException(
                            "terminal " + terminal + " visit " + i + ": " + ready + " / " + verified + " / " + done);
                }
                if (i >= 0) {
                    out.println("nanos " + (System.nanoTime() - t0));
                }
            }
            worker.wake();
            printKeys(bridge, out);
        }
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
