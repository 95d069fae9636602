package org.uketsuke.app.reception;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.pending.PendingSearches;
import org.uketsuke.bridge.timers.Timers;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.IdentityMethod;

/**
 * Asks the system again, every {@code interval}, for the confirmations by insurance number that waited out an outage;
 * each one that settles becomes a row on the staff screen (confirmed, or why not). One daemon thread.
 */
public final class PendingLookups implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PendingLookups.class);

    private final PendingSearches pending;
    private final EligibilityClient backend;
    private final RececonBridge bridge;
    private final Clock clock;
    private final List<Consumer<ReceptionRecord>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("pending-lookups").daemon().unstarted(runnable));

    public PendingLookups(PendingSearches pending, EligibilityClient backend, RececonBridge bridge, Clock clock) {
        this.pending = pending;
        this.backend = backend;
        this.bridge = bridge;
        this.clock = clock;
    }

    private ConfirmationAudit audit = ConfirmationAudit.none();

    /** Records each search that settles in the audit log. */
    public PendingLookups withAudit(ConfirmationAudit audit) {
        this.audit = audit;
        return this;
    }

    public PendingLookups start(Duration interval) {
        var _ = timer.scheduleWithFixedDelay(
                this::retryNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public void onRecord(Consumer<ReceptionRecord> listener) {
        listeners.add(listener);
    }

    /** How many wait now. */
    public int waiting() {
        return pending.waiting().size();
    }

    /** One pass now (the timer's work; tests call it directly). */
    public void retryNow() {
        if (!audit.confirmationsAllowed()) {
            return; // the searches keep waiting until the audit alarm is acknowledged
        }
        try {
            for (PendingSearches.Settled settled : pending.retry(backend, bridge, clock)) {
                ReceptionRecord record = switch (settled) {
                    case PendingSearches.Settled.Confirmed c ->
                        ReceptionRecord.confirmed(clock.instant(), c.outcome().qualification());
                    case PendingSearches.Settled.Rejected r ->
                        ReceptionRecord.failed(clock.instant(), RejectionProblems.of(r.reason()));
                };
                audit.record(
                        clock.instant(),
                        "",
                        ConfirmationAudit.Source.INSURANCE_NUMBER_RETRIED,
                        StaffLookup.auditOutcome(record),
                        settled.search().card());
                listeners.forEach(l -> l.accept(record.withMethod(IdentityMethod.INSURANCE_NUMBER)));
            }
            bridge.drain();
        } catch (RuntimeException e) {
            log.warn("retrying the pending confirmations failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        Timers.stop(timer);
    }
}
