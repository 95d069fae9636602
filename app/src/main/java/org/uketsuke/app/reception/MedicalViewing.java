package org.uketsuke.app.reception;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPdf;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;

/**
 * The staff's viewing of a confirmed patient's medical information: asks the system (which decides on consent) and
 * writes every view and export to the audit log — who (the signed-in member), what ({@code MEDICAL_VIEW} with
 * {@code VIEWED_DRUG}, {@code NO_CONSENT_CHECKUP}, {@code EXPORTED_DRUG}, …), when, and the hash of the insurance,
 * never the data or the identifiers in clear. Needs a medical-information viewer; an emergency viewer's views are
 * audited with an {@code EMERGENCY_} prefix. Blocking; run off the UI thread.
 */
public final class MedicalViewing {

    private static final Logger log = LoggerFactory.getLogger(MedicalViewing.class);
    public static final String METHOD = "MEDICAL_VIEW";

    private final MedicalInformationClient client;
    private final AuditTrail audit;
    private final Clock clock;

    /** @param audit the confirmations' audit trail (the same instance: one chain), or null where there is none */
    public MedicalViewing(MedicalInformationClient client, AuditTrail audit, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws NotPermitted when the one signed in may not view medical information (nothing is asked or logged) */
    public MedicalOutcome<MedicalRecords> view(MedicalQuery query, Authorizer staff) {
        StaffMember viewer = staff.require(Role.MEDICAL_VIEWER, Role.EMERGENCY_VIEWER);
        MedicalOutcome<MedicalRecords> outcome = client.medicalRecords(query);
        audit(viewer, query, "VIEWED", outcome);
        return outcome;
    }

    /**
     * The system's PDF of this category, written to {@code target} (atomically: a half-written report never
     * appears). A failure to write is {@link MedicalOutcome.NotAnswered} with the reason in the diagnostic.
     */
    public MedicalOutcome<MedicalPdf> export(MedicalQuery query, Authorizer staff, Path target) {
        StaffMember viewer = staff.require(Role.MEDICAL_VIEWER, Role.EMERGENCY_VIEWER);
        MedicalOutcome<MedicalPdf> outcome = client.medicalPdf(query);
        if (outcome instanceof MedicalOutcome.Found<MedicalPdf> found) {
            try {
                PrivateFiles.createParentFolders(target);
                AtomicFiles.write(target, found.value().bytes());
            } catch (IOException e) {
                log.error("could not write the medical PDF: {}", e.getMessage());
                outcome = new MedicalOutcome.NotAnswered<>(
                        new Unavailable(UnavailableReason.SERVER_ERROR, "writing " + target + ": " + e));
                audit(viewer, query, "EXPORT_FAILED", outcome);
                return outcome;
            }
        }
        audit(viewer, query, "EXPORTED", outcome);
        return outcome;
    }

    private void audit(StaffMember viewer, MedicalQuery query, String action, MedicalOutcome<?> outcome) {
        if (audit == null) {
            return;
        }
        String category = query.category().name();
        // Only the emergency role allowed this view: the log says so, for the hospital's after-the-fact review.
        String emergency = viewer.has(Role.MEDICAL_VIEWER) ? "" : "EMERGENCY_";
        String result = switch (outcome) {
            case MedicalOutcome.Found<?> f -> action + "_" + category;
            case MedicalOutcome.NoConsent<?> n -> "NO_CONSENT_" + category;
            case MedicalOutcome.ConsentExpired<?> e -> "CONSENT_EXPIRED_" + category;
            case MedicalOutcome.NotFound<?> n -> "NOT_FOUND_" + category;
            case MedicalOutcome.NotAnswered<?> u -> "UNAVAILABLE_" + category;
        };
        InsuranceCardId card = query.card();
        audit.append(new AuditEvent(
                clock.instant(),
                audit.terminalId(),
                viewer.id(),
                METHOD,
                (emergency + result).toUpperCase(Locale.ROOT),
                AuditEvent.hash(card.insurer().value(), card.symbol(), card.number(), card.branch()),
                ""));
    }
}
