package org.uketsuke.app.reception;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.BatchResult;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Unavailable;

/**
 * 一括照会: the booked patients of a day are uploaded by insurance number, the reception number is polled, and every
 * valid qualification goes to the レセコン store like any other confirmation (so the morning's visits start with
 * known insurance). Blocking; run off the FX thread.
 */
public final class BatchPreCheck {

    private static final Logger log = LoggerFactory.getLogger(BatchPreCheck.class);

    static final long MIN_POLL_MILLIS = 20;
    static final long MAX_POLL_MILLIS = 1_000;

    private final EligibilityClient backend;
    private final RececonBridge bridge;
    private final Clock clock;

    public BatchPreCheck(EligibilityClient backend, RececonBridge bridge, Clock clock) {
        this.backend = backend;
        this.bridge = bridge;
        this.clock = clock;
    }

    /**
     * How a batch ended: counts per outcome, or why it did not finish, and the patients the system did not confirm
     * (their clinic id — the search's ArbitraryIdentifier — with the reason) so staff know whom to ask at the counter,
     * and a reception-list row for each confirmed patient.
     */
    public record Summary(
            String receptionNumber,
            int confirmed,
            int rejected,
            int unavailable,
            String failure,
            List<NotConfirmed> notConfirmed,
            List<ReceptionRecord> records) {

        public Summary {
            notConfirmed = List.copyOf(notConfirmed);
            records = List.copyOf(records);
        }

        Summary(String receptionNumber, int confirmed, int rejected, int unavailable, String failure) {
            this(receptionNumber, confirmed, rejected, unavailable, failure, List.of(), List.of());
        }
    }

    /** A booked patient without a confirmed qualification. */
    public record NotConfirmed(String patientId, InsuranceSearch search, ConfirmationOutcome outcome) {}

    private ConfirmationAudit audit = ConfirmationAudit.none();

    /** Records each patient's outcome of a batch in the audit log. */
    public BatchPreCheck withAudit(ConfirmationAudit audit) {
        this.audit = audit;
        return this;
    }

    public Summary run(List<InsuranceSearch> booked, Duration timeout) throws InterruptedException {
        return collect(
                () -> backend.submitBatch(booked), card -> true, ConfirmationAudit.Source.BATCH_PRECHECK, timeout);
    }

    /**
     * 訪問診療 / オンライン診療 (居宅同意取得型) re-confirmation without the card (docs/spec-notes/failures.md#home-visits):
     * the patients who consented in the selection's period are confirmed under that consent through the bulk exchange
     * ({@code OQSmuhvq} / {@code OQSmuonq}); those {@code keep} accepts go to the レセコン store and the reception list.
     *
     * @param keep which patients of the answer to take (one patient, or everyone of the day's list)
     */
    public Summary runBulk(BulkSelection selection, Predicate<InsuranceCardId> keep, Duration timeout)
            throws InterruptedException {
        ConfirmationAudit.Source source = selection.exchange() == BulkSelection.Exchange.ONLINE
                ? ConfirmationAudit.Source.RECONFIRM_ONLINE
                : ConfirmationAudit.Source.RECONFIRM_HOME_VISIT;
        return collect(() -> backend.submitBulk(selection), keep, source, timeout);
    }

    private Summary collect(
            Supplier<BatchSubmission> submit,
            Predicate<InsuranceCardId> keep,
            ConfirmationAudit.Source source,
            Duration timeout)
            throws InterruptedException {
        if (!audit.confirmationsAllowed()) {
            return new Summary("", 0, 0, 0, Problem.RECEPTION_PAUSED.name());
        }
        String reception;
        switch (submit.get()) {
            case BatchSubmission.Accepted accepted -> reception = accepted.receptionNumber();
            case Unavailable u -> {
                return new Summary("", 0, 0, 0, u.reason() + ": " + u.diagnostic());
            }
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long pause = MIN_POLL_MILLIS;
        while (true) {
            switch (backend.batchStatus(reception)) {
                case BatchStatus.Done done -> {
                    return store(
                            reception,
                            done.results().stream()
                                    .filter(r -> keep.test(r.search().card()))
                                    .toList(),
                            source);
                }
                case BatchStatus.Failed failed -> {
                    return new Summary(reception, 0, 0, 0, failed.reason());
                }
                case Unavailable u -> {
                    return new Summary(reception, 0, 0, 0, u.reason() + ": " + u.diagnostic());
                }
                case BatchStatus.Processing processing -> {
                    log.debug("batch {}: {}/{}", reception, processing.done(), processing.total());
                    if (System.nanoTime() > deadline) {
                        return new Summary(reception, 0, 0, 0, "not finished within " + timeout.toSeconds() + " s");
                    }
                    Thread.sleep(nextPoll(pause, processing, (System.nanoTime() - started) / 1_000_000));
                }
            }
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
    }

    /**
     * The wait before asking again: the doubling pause, but no longer than the rest of the batch should take at the
     * rate it has gone so far — so the answer is fetched soon after it is ready, not up to a whole pause later. Never
     * under a quarter of the pause: a batch stuck near its end is not asked every few milliseconds.
     */
    static long nextPoll(long pause, BatchStatus.Processing processing, long elapsedMillis) {
        if (processing.done() <= 0 || processing.done() >= processing.total()) {
            return pause;
        }
        long remaining = elapsedMillis * (processing.total() - processing.done()) / processing.done();
        return Math.max(Math.max(MIN_POLL_MILLIS, pause / 4), Math.min(pause, remaining));
    }

    private Summary store(String reception, List<BatchResult> results, ConfirmationAudit.Source source) {
        int confirmed = 0;
        int rejected = 0;
        int unavailable = 0;
        List<NotConfirmed> notConfirmed = new ArrayList<>();
        List<ReceptionRecord> records = new ArrayList<>();
        // The whole batch in one outbox transaction (one fsync, not one per patient), before anything is audited.
        List<Confirmation> confirmations = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).outcome() instanceof ConfirmationOutcome.Confirmed c) {
                confirmations.add(
                        new Confirmation(reception + "-" + i, clock.instant(), IdentityMethod.INSURANCE_NUMBER, c));
            }
        }
        bridge.submitAll(confirmations);
        for (BatchResult result : results) {
            switch (result.outcome()) {
                case ConfirmationOutcome.Confirmed c -> {
                    audit.record(
                            clock.instant(),
                            "",
                            source,
                            "CONFIRMED",
                            result.search().card());
                    records.add(ReceptionRecord.confirmed(clock.instant(), c.qualification())
                            .withMethod(IdentityMethod.INSURANCE_NUMBER));
                    confirmed++;
                }
                case ConfirmationOutcome.Rejected r -> {
                    rejected++;
                    audit.record(
                            clock.instant(),
                            "",
                            source,
                            "REJECTED_" + r.reason().name(),
                            result.search().card());
                    notConfirmed.add(new NotConfirmed(result.search().arbitraryIdentifier(), result.search(), r));
                }
                case Unavailable u -> {
                    unavailable++;
                    notConfirmed.add(new NotConfirmed(result.search().arbitraryIdentifier(), result.search(), u));
                }
            }
        }
        bridge.drain();
        return new Summary(reception, confirmed, rejected, unavailable, null, notConfirmed, records);
    }
}
