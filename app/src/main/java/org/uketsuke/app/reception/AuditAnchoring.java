package org.uketsuke.app.reception;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.audit.AuditAnchor;
import org.uketsuke.bridge.audit.AuditAnchors;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.bridge.timers.Timers;
import org.uketsuke.eligibility.client.AuditAnchorClient;

/**
 * Sends the audit log's daily heads off the machine: each pass sends yesterday's head (the chain as it stood after
 * the day's last entry) if no receipt holds it yet, then today's current head; each confirmation id is kept as a
 * receipt beside the log ({@code audit.jsonl.anchors}). The first pass also compares the log with every anchor the
 * backend holds for this terminal: a contradiction (a log rewritten, cut or replaced — even with the key) raises the
 * trail's alarm.
 */
public final class AuditAnchoring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchoring.class);

    /** What one pass did. */
    public record Pass(List<AuditAnchor> sent, boolean backendChecked) {}

    private final AuditTrail trail;
    private final AuditAnchorClient backend;
    private final Clock clock;
    private final ZoneId zone;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("audit-anchoring").factory());
    private boolean backendChecked;

    /** @param clock the clinic's local clock: a day is a day in its zone */
    public AuditAnchoring(AuditTrail trail, AuditAnchorClient backend, Clock clock) {
        this.trail = trail;
        this.backend = backend;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** A pass now, then one every {@code interval}. */
    public AuditAnchoring start(Duration interval) {
        return start(Duration.ZERO, interval);
    }

    /** A pass after {@code first}, then one every {@code interval}. */
    public AuditAnchoring start(Duration first, Duration interval) {
        var _ = timer.scheduleWithFixedDelay(
                this::passQuietly, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void passQuietly() {
        try {
            anchorNow();
        } catch (RuntimeException e) {
            log.warn("audit anchoring: {}", e.toString());
        }
    }

    /** One pass (the timer's work; tests call it directly). */
    public synchronized Pass anchorNow() {
        List<AuditAnchor> sent = new ArrayList<>();
        if (trail.head().isEmpty()) {
            return new Pass(sent, backendChecked); // during an alarm there is no head worth pinning
        }
        List<AuditLog.Line> lines;
        List<AuditAnchor> receipts;
        try {
            lines = AuditLog.read(trail.file());
            receipts = AuditAnchors.receipts(trail.file());
        } catch (IOException e) {
            log.warn("audit anchoring: {}", e.getMessage());
            return new Pass(sent, backendChecked);
        }
        if (!backendChecked) {
            checkAgainstBackend(lines);
        }
        String chain = AuditAnchors.chainOf(lines);
        long anchored = receipts.stream()
                .filter(receipt -> receipt.chain().equals(chain))
                .mapToLong(AuditAnchor::entries)
                .max()
                .orElse(0);
        LocalDate today = LocalDate.now(clock);
        List<AuditAnchor> due = new ArrayList<>();
        AuditAnchors.day(lines, today.minusDays(1), zone).headAtEnd().ifPresent(due::add);
        AuditAnchors.day(lines, today, zone).headAtEnd().ifPresent(due::add);
        for (AuditAnchor anchor : due) {
            if (anchor.entries() <= anchored) {
                continue;
            }
            Optional<AuditAnchor> confirmed = send(anchor);
            if (confirmed.isEmpty()) {
                break;
            }
            sent.add(confirmed.get());
            anchored = anchor.entries();
        }
        return new Pass(sent, backendChecked);
    }

    private Optional<AuditAnchor> send(AuditAnchor anchor) {
        switch (backend.send(trail.terminalId(), anchor.chain(), anchor.date(), anchor.entries(), anchor.mac())) {
            case AuditAnchorClient.Confirmed c -> {
                AuditAnchor receipt = anchor.confirmed(c.id());
                try {
                    AuditAnchors.keepReceipt(trail.file(), receipt);
                } catch (IOException e) {
                    log.warn(
                            "audit anchor {} confirmed as {} but its receipt was not kept: {}",
                            anchor.date(),
                            c.id(),
                            e.getMessage());
                }
                log.info("audit anchor {} ({} entries) confirmed as {}", anchor.date(), anchor.entries(), c.id());
                return Optional.of(receipt);
            }
            case AuditAnchorClient.Refused r -> {
                trail.alarm(AuditTrail.AlarmCause.ANCHOR_MISMATCH, "the backend refused the anchor: " + r.reason());
                return Optional.empty();
            }
            case AuditAnchorClient.NotSent n -> {
                log.info(
                        "audit anchor {} not sent yet: {}",
                        anchor.date(),
                        n.unavailable().reason());
                return Optional.empty();
            }
        }
    }

    private void checkAgainstBackend(List<AuditLog.Line> lines) {
        switch (backend.held(trail.terminalId())) {
            case AuditAnchorClient.Anchors held -> {
                backendChecked = true;
                List<AuditAnchor> anchors =
                        held.lines().stream().map(AuditAnchor::parse).toList();
                Optional<AuditVerification.Broken> contradicted = AuditAnchors.check(lines, anchors);
                contradicted.ifPresent(broken -> trail.alarm(AuditTrail.AlarmCause.ANCHOR_MISMATCH, broken.detail()));
            }
            case AuditAnchorClient.NotSent n ->
                log.info("backend anchors not checked yet: {}", n.unavailable().reason());
        }
    }

    @Override
    public void close() {
        Timers.stop(timer);
    }
}
