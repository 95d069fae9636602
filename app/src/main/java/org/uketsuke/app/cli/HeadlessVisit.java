package org.uketsuke.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;

/**
 * One visit on the production terminal with no screen, for the installer's acceptance run (packaging/test-deb.sh):
 * the card placed on the configured reader, the PIN read from standard input (never an argument, so it shows in no
 * process list), every consent declined. Prints one JSON line with the status only — nothing of the patient.
 */
final class HeadlessVisit {

    private static final Duration BUDGET = Duration.ofSeconds(90);

    private HeadlessVisit() {}

    /** 0 when the visit is confirmed. */
    static int run(Terminal terminal) throws IOException, InterruptedException {
        String pin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (pin == null || pin.isBlank()) {
            System.err.println("uketsuke: --headless-visit reads the PIN from standard input");
            return 2;
        }
        BlockingQueue<VisitSnapshot> snapshots = new LinkedBlockingQueue<>();
        terminal.controller().addListener(snapshots::add);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        while (true) {
            VisitSnapshot snapshot = snapshots.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (snapshot == null) {
                return status("TIMED_OUT", 1);
            }
            switch (snapshot.state()) {
                case AWAITING_PIN -> terminal.controller().fire(new VisitEvent.PinEntered(Pin.of(pin.strip())));
                case ASKING_CONSENTS ->
                    terminal.controller().fire(new VisitEvent.ConsentsGiven(Consents.all(Consent.NO)));
                case SHOWING_RESULT -> {
                    return status("CONFIRMED", 0);
                }
                case SHOWING_PROBLEM, ENTERING_COLLATION_NUMBER, FACE_PATH_FAILED, AWAITING_STAFF_CHECK -> {
                    System.out.println("{\"status\":\"PROBLEM\",\"problem\":\""
                            + snapshot.problem()
                                    .map(Enum::name)
                                    .orElse(snapshot.state().name()) + "\"}");
                    return 1;
                }
                default -> {}
            }
        }
    }

    private static int status(String status, int exit) {
        System.out.println("{\"status\":\"" + status + "\"}");
        System.out.flush();
        return exit;
    }
}
