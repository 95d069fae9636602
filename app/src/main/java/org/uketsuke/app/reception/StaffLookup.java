package org.uketsuke.app.reception;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.pending.PendingSearches;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.Unavailable;

/**
 * The staff's confirmation by insurance number (a patient with a 資格確認書, or a card that fails): the backend is
 * asked, a valid qualification goes to the レセコン store like a card confirmation, and the answer becomes a row.
 * Blocking; call off the FX thread.
 */
public final class StaffLookup {

    private static final Logger log = LoggerFactory.getLogger(StaffLookup.class);

    private final EligibilityClient backend;
    private final RececonBridge bridge;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final PendingSearches pending;
    private ConfirmationAudit audit = ConfirmationAudit.none();
    private Supplier<String> staffId = () -> "";

    public StaffLookup(EligibilityClient backend, RececonBridge bridge, Clock clock) {
        this(backend, bridge, clock, null);
    }

    /** @param pending where a search waits while the system is unreachable (null: the staff just see the outage) */
    public StaffLookup(EligibilityClient backend, RececonBridge bridge, Clock clock, PendingSearches pending) {
        this.backend = backend;
        this.bridge = bridge;
        this.clock = clock;
        this.pending = pending;
    }

    /** Records every lookup's outcome in the audit log, with the staff member who searched if known. */
    public StaffLookup withAudit(ConfirmationAudit audit, String staffId) {
        String id = staffId == null ? "" : staffId;
        return withAudit(audit, () -> id);
    }

    /** @param staffId who is on duty when a lookup runs (the console's 担当者) */
    public StaffLookup withAudit(ConfirmationAudit audit, Supplier<String> staffId) {
        this.audit = audit;
        this.staffId = staffId;
        return this;
    }

    /** Whether a lookup or registration may start now (false while the audit alarm stands). */
    public boolean confirmationsAllowed() {
        return audit.confirmationsAllowed();
    }

    /**
     * Registers 照会番号 for the console's 照会番号 screen: one outcome per registration, in order, each audited with the
     * staff member and the insurance's hash. Refused while the audit alarm stands, like every confirmation path.
     */
    public List<RegistrationOutcome> registerReferenceNumbers(List<ReferenceRegistration> registrations) {
        if (!audit.confirmationsAllowed()) {
            throw new IllegalStateException("the audit alarm stands: no registration is sent until it is acknowledged");
        }
        List<RegistrationOutcome> outcomes = backend.registerReferenceNumbers(registrations);
        for (int i = 0; i < registrations.size(); i++) {
            String outcome = i < outcomes.size()
                    ? switch (outcomes.get(i)) {
                        case RegistrationOutcome.Registered r ->
                            r.alreadyRegistered() ? "ALREADY_REGISTERED" : "REGISTERED";
                        case RegistrationOutcome.Rejected r ->
                            "REJECTED_" + r.reason().name();
                        case Unavailable u -> "UNAVAILABLE_" + u.reason().name();
                    }
                    : "UNANSWERED";
            audit.record(
                    clock.instant(),
                    staffId.get(),
                    ConfirmationAudit.Source.REFERENCE_NUMBER,
                    outcome,
                    registrations.get(i).card());
        }
        return outcomes;
    }

    public ReceptionRecord lookup(InsuranceSearch search) {
        if (!audit.confirmationsAllowed()) {
            return ReceptionRecord.failed(clock.instant(), Problem.RECEPTION_PAUSED)
                    .withMethod(IdentityMethod.INSURANCE_NUMBER);
        }
        ReceptionRecord record = ask(search);
        audit.record(
                clock.instant(),
                staffId.get(),
                ConfirmationAudit.Source.INSURANCE_NUMBER,
                auditOutcome(record),
                search.card());
        return record;
    }

    static String auditOutcome(ReceptionRecord record) {
        return record.problem()
                .map(problem -> problem == Problem.QUEUED_FOR_RETRY
                        ? "QUEUED_BACKEND_UNAVAILABLE"
                        : "REJECTED_" + problem.name())
                .orElse("CONFIRMED");
    }

    private ReceptionRecord ask(InsuranceSearch search) {
        String fileId = search.arbitraryIdentifier().isEmpty()
                ? HexFormat.of().formatHex(random.generateSeed(10))
                : search.arbitraryIdentifier();
        InsuranceSearch tagged = new InsuranceSearch(search.card(), search.birthdate(), search.limitConsent(), fileId);
        return lookupTagged(tagged, fileId).withMethod(IdentityMethod.INSURANCE_NUMBER);
    }

    private ReceptionRecord lookupTagged(InsuranceSearch tagged, String fileId) {
        return switch (backend.confirmByInsurance(tagged)) {
            case ConfirmationOutcome.Confirmed confirmed -> {
                try {
                    bridge.submit(
                            new Confirmation(fileId, clock.instant(), IdentityMethod.INSURANCE_NUMBER, confirmed));
                    bridge.drain();
                } catch (RuntimeException e) {
                    log.error("could not hand the qualification to the レセコン store", e);
                    yield ReceptionRecord.failed(clock.instant(), Problem.STORE_FAILED);
                }
                yield ReceptionRecord.confirmed(clock.instant(), confirmed.qualification());
            }
            case ConfirmationOutcome.Rejected rejected ->
                ReceptionRecord.failed(clock.instant(), RejectionProblems.of(rejected.reason()));
            case Unavailable unavailable -> {
                log.warn("backend unavailable: {} {}", unavailable.reason(), unavailable.diagnostic());
                if (pending == null) {
                    yield ReceptionRecord.failed(clock.instant(), Problem.BACKEND_UNAVAILABLE);
                }
                pending.enqueue(tagged, clock.instant(), unavailable.reason().name());
                yield ReceptionRecord.failed(clock.instant(), Problem.QUEUED_FOR_RETRY);
            }
        };
    }
}
