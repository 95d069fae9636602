package org.uketsuke.app.reception;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.ConsentAnswers;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.QualificationSummary;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditLogException;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.Attestation;
import org.uketsuke.eligibility.FaceAttestation;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.PasscodeOutcome;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.VisualPasscode;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.PinCheck;
import org.uketsuke.reader.jpki.Signature;
import org.uketsuke.reader.jpki.TokenKind;

/**
 * The PIN path of a visit against real parts: card (reader-driver) → backend (eligibility client) → レセコン store
 * (rececon-bridge). One card session per visit, closed at the end so the card's PIN state is reset.
 */
public final class ReceptionSteps implements VisitSteps {

    private static final Logger log = LoggerFactory.getLogger(ReceptionSteps.class);

    private final CardSlot slot;
    private final EligibilityClient backend;
    private final RececonBridge bridge;
    private final Clock clock;
    /** The consents of the current visit, kept for the confirmation after a 保険証利用登録. */
    private ConsentAnswers lastAnswers;
    private final List<Consumer<ReceptionRecord>> recordListeners = new CopyOnWriteArrayList<>();

    private volatile VisitTimings timings = VisitTimings.NONE;
    private FaceCheck faceCheck;
    private java.util.function.UnaryOperator<byte[]> terminalSigner;
    private FaceCheck.Result.Matched faceProof;
    private String visualStaffId;
    private AuditLog audit;
    private String terminalId;
    private ApduTransport session;
    private JpkiCard card;
    private byte[] authCertificate;

    public ReceptionSteps(CardSlot slot, EligibilityClient backend, RececonBridge bridge, Clock clock) {
        this.slot = slot;
        this.backend = backend;
        this.bridge = bridge;
        this.clock = clock;
    }

    /**
     * Enables the PIN-less path: the face check, and the terminal's signer for the attestation sent instead of the
     * card's signature.
     */
    public ReceptionSteps withFacePath(FaceCheck check, java.util.function.UnaryOperator<byte[]> signer) {
        this.faceCheck = check;
        this.terminalSigner = signer;
        return this;
    }

    /**
     * The terminal's signer for the attestations sent instead of the card's signature (face path and the staff's
     * visual check); the composition checks at start that it can sign.
     */
    public ReceptionSteps withTerminalSigner(UnaryOperator<byte[]> signer) {
        this.terminalSigner = signer;
        return this;
    }

    /** Records every confirmation and rejection in the tamper-evident audit log, as this terminal. */
    public ReceptionSteps withAudit(AuditLog log, String terminal) {
        this.audit = log;
        this.terminalId = terminal;
        return this;
    }

    /** Staff-side listeners: every confirmation or failure that reaches the backend, as a row. */
    public void onRecord(Consumer<ReceptionRecord> listener) {
        recordListeners.add(listener);
    }

    @Override
    public VisitEvent run(VisitCommand command) {
        return switch (command) {
            case VisitCommand.ReadCard _ -> readCard();
            case VisitCommand.VerifyPin v -> verifyPin(v.pin());
            case VisitCommand.MatchFace f -> matchFace(f.collationNumberB());
            case VisitCommand.RecordVisualCheck v -> {
                visualStaffId = v.staffId();
                yield null;
            }
            case VisitCommand.Confirm c -> {
                lastAnswers = c.consents();
                yield confirm(c.consents());
            }
            case VisitCommand.RegisterCard _ -> registerThenConfirm();
            case VisitCommand.EndVisit _ -> {
                endVisit();
                yield null;
            }
        };
    }

    /** Machine time of the current (or last) visit by step. */
    public VisitTimings timings() {
        return timings;
    }

    private VisitEvent readCard() {
        endVisit();
        timings = VisitTimings.NONE;
        long start = System.nanoTime();
        try {
            return readCardTimed();
        } finally {
            timings = timings.plusCard(System.nanoTime() - start);
        }
    }

    private VisitEvent readCardTimed() {
        try {
            switch (slot.connect()) {
                case SessionOpening.Refused refused -> {
                    return CardSessionProblems.failed(refused);
                }
                case SessionOpening.Open open -> session = open.transport();
            }
            card = new JpkiCard(session);
            if (card.identify() != TokenKind.MY_NUMBER_CARD) {
                return new VisitEvent.Failed(Problem.NOT_A_MY_NUMBER_CARD);
            }
            return switch (card.readAuthCertificate()) {
                case CertificateRead.Read read -> {
                    authCertificate = read.der();
                    yield new VisitEvent.CardReady(card.authPinTriesLeft());
                }
                case CertificateRead.CardRemoved _ -> new VisitEvent.Failed(Problem.CARD_REMOVED);
                // Only smartphone tokens keep the certificate behind the PIN, and they were refused above.
                case CertificateRead.PinRequiredFirst _ -> new VisitEvent.Failed(Problem.NOT_A_MY_NUMBER_CARD);
                case CertificateRead.Failed failed -> {
                    log.warn("auth certificate read failed at {} (SW {})", failed.step(), HexFormat.of().toHexDigits((short) failed.sw()));
                    yield new VisitEvent.Failed(Problem.CARD_UNREADABLE);
                }
            };
        } catch (CardGoneException e) {
            return new VisitEvent.Failed(Problem.CARD_REMOVED);
        }
    }

    private VisitEvent verifyPin(org.uketsuke.app.flow.Pin pin) {
        if (card == null || authCertificate == null) {
            pin.clear();
            return new VisitEvent.Failed(Problem.CARD_REMOVED);
        }
        long start = System.nanoTime();
        try {
            return switch (card.verifyAuthPin(pin.digits())) {
                case PinCheck.Verified _ -> new VisitEvent.PinVerified();
                case PinCheck.Wrong wrong -> new VisitEvent.PinRejected(wrong.triesLeft());
                case PinCheck.Blocked _ -> new VisitEvent.Failed(Problem.PIN_BLOCKED);
                case PinCheck.CardRemoved _ -> new VisitEvent.Failed(Problem.CARD_REMOVED);
                case PinCheck.Failed _ -> new VisitEvent.Failed(Problem.CARD_UNREADABLE);
            };
        } finally {
            // Wiped as soon as VERIFY has been sent, whatever the card answered.
            pin.clear();
            timings = timings.plusCard(System.nanoTime() - start);
        }
    }

    private VisitEvent matchFace(String collationNumberB) {
        if (card == null || authCertificate == null) {
            return new VisitEvent.Failed(Problem.CARD_REMOVED);
        }
        if (faceCheck == null) {
            throw new IllegalStateException("face match asked of a terminal assembled without the face check");
        }
        long start = System.nanoTime();
        try {
            return switch (faceCheck.check(session, collationNumberB)) {
                case FaceCheck.Result.Matched matched -> {
                    faceProof = matched;
                    yield new VisitEvent.FaceMatched();
                }
                case FaceCheck.Result.Refused refused -> new VisitEvent.Failed(refused.problem());
                case FaceCheck.Result.CollationRejected rejected -> new VisitEvent.CollationNumberRejected(rejected.triesLeft());
                case FaceCheck.Result.ExpiryMismatch _ -> new VisitEvent.CardExpiryMismatch();
            };
        } finally {
            timings = timings.plusCard(System.nanoTime() - start);
        }
    }

    /**
     * Nonce, then the proof of presence — the card's signature over it (PIN verified in this session) or, on the face
     * path, the terminal's signed attestation — the query, and the hand-off.
     */
    private VisitEvent confirm(ConsentAnswers answers) {
        if (card == null || authCertificate == null) {
            return new VisitEvent.Failed(Problem.CARD_REMOVED);
        }
        if (faceProof != null || visualStaffId != null) {
            return confirmByAttestation(answers);
        }
        long start = System.nanoTime();
        NonceOutcome issued = backend.nonce();
        timings = timings.plusBackend(System.nanoTime() - start);
        if (!(issued instanceof NonceOutcome.Issued(byte[] nonce))) {
            return backendUnavailable((Unavailable) issued);
        }
        start = System.nanoTime();
        Signature answer = card.signWithAuthKey(sha256(nonce));
        timings = timings.plusCard(System.nanoTime() - start);
        if (!(answer instanceof Signature.Signed signed)) {
            return signingFailed(answer);
        }
        byte[] signature = signed.signature();
        String fileId = HexFormat.of().formatHex(sha256(nonce), 0, 10);
        start = System.nanoTime();
        ConfirmationOutcome outcome = backend.confirmByCard(new CardConfirmationRequest(
                authCertificate, nonce, signature, IdentityMethod.PIN, consents(answers), fileId)
                .withPrescriptionForm(prescriptionForm(answers)));
        timings = timings.plusBackend(System.nanoTime() - start);
        return settle(outcome, fileId, IdentityMethod.PIN);
    }

    /**
     * 保険証利用登録: a fresh nonce signed by the card's auth key (the PIN was verified in this session), the
     * registration, and then the confirmation the patient asked for, with the same consents.
     */
    private VisitEvent registerThenConfirm() {
        if (card == null || authCertificate == null || lastAnswers == null) {
            return new VisitEvent.Failed(Problem.CARD_REMOVED);
        }
        NonceOutcome issued = backend.nonce();
        if (!(issued instanceof NonceOutcome.Issued(byte[] nonce))) {
            return backendUnavailable((Unavailable) issued);
        }
        Signature answer = card.signWithAuthKey(sha256(nonce));
        if (!(answer instanceof Signature.Signed signed)) {
            return signingFailed(answer);
        }
        byte[] signature = signed.signature();
        return switch (backend.registerForInsuranceUse(
                new org.uketsuke.eligibility.InsuranceUseRegistration(authCertificate, nonce, signature))) {
            case org.uketsuke.eligibility.RegistrationOutcome.Registered r -> {
                log.info("card registered for insurance use{}", r.alreadyRegistered() ? " (already was)" : "");
                audit(IdentityMethod.PIN, "REGISTERED_FOR_INSURANCE_USE", null);
                yield confirm(lastAnswers);
            }
            case org.uketsuke.eligibility.RegistrationOutcome.Rejected r -> new VisitEvent.Failed(problemOf(r.reason()));
            case Unavailable u -> backendUnavailable(u);
        };
    }

    /** What the visit shows when the card did not sign the nonce. */
    private static VisitEvent signingFailed(Signature answer) {
        return switch (answer) {
            case Signature.CardRemoved _ -> new VisitEvent.Failed(Problem.CARD_REMOVED);
            case Signature.Signed _, Signature.PinRequired _, Signature.Failed _ -> new VisitEvent.Failed(Problem.CARD_UNREADABLE);
        };
    }

    /** No nonce, passcode or registration answer from the qualification system: the visit shows it as such. */
    private static VisitEvent backendUnavailable(Unavailable unavailable) {
        log.warn("backend unavailable: {} {}", unavailable.reason(), unavailable.diagnostic());
        return new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE);
    }

    /** Face match or 目視確認: the terminal vouches, with its own key, for this nonce and this card. */
    private VisitEvent confirmByAttestation(ConsentAnswers answers) {
        if (terminalSigner == null) {
            throw new IllegalStateException("attestation asked of a terminal assembled without its signer");
        }
        long start = System.nanoTime();
        NonceOutcome issued = backend.nonce();
        timings = timings.plusBackend(System.nanoTime() - start);
        if (!(issued instanceof NonceOutcome.Issued(byte[] nonce))) {
            return backendUnavailable((Unavailable) issued);
        }
        PasscodeOutcome passcode = faceProof != null ? null : backend.visualCheckPasscode(visualStaffId);
        if (passcode instanceof Unavailable u) {
            return backendUnavailable(u);
        }
        Attestation attestation = passcode instanceof PasscodeOutcome.Issued(VisualPasscode visual)
                ? new VisualAttestation(nonce, sha256(authCertificate), visual)
                : new FaceAttestation(nonce, sha256(authCertificate), faceProof.score(), faceProof.threshold(),
                        faceProof.presenceProven(), faceProof.modelVersion(), FaceAttestation.MATCH,
                        clock.instant(), faceProof.presenceProofSha256());
        IdentityMethod method = faceProof != null ? IdentityMethod.FACE : IdentityMethod.VISUAL;
        String fileId = HexFormat.of().formatHex(sha256(nonce), 0, 10);
        start = System.nanoTime();
        ConfirmationOutcome outcome = backend.confirmByCard(new CardConfirmationRequest(authCertificate, nonce,
                terminalSigner.apply(attestation.bytes()), method, consents(answers), fileId, attestation)
                .withPrescriptionForm(prescriptionForm(answers)));
        timings = timings.plusBackend(System.nanoTime() - start);
        return settle(outcome, fileId, method);
    }

    static Consents consents(ConsentAnswers a) {
        return new Consents(consent(a.drug()), consent(a.checkup()), consent(a.treatment()), consent(a.operation()),
                consent(a.limitInfo()), consent(a.specificDisease()));
    }

    /** {@code PrescriptionIssueSelect} of the patient's choice; null when the clinic did not ask. */
    static org.uketsuke.eligibility.PrescriptionForm prescriptionForm(ConsentAnswers a) {
        return switch (a.prescription()) {
            case ELECTRONIC -> org.uketsuke.eligibility.PrescriptionForm.ELECTRONIC;
            case PAPER -> org.uketsuke.eligibility.PrescriptionForm.PAPER;
            case NOT_ASKED -> null;
        };
    }

    private static Consent consent(boolean yes) {
        return yes ? Consent.YES : Consent.NO;
    }

    private VisitEvent settle(ConfirmationOutcome outcome, String fileId, IdentityMethod method) {
        return switch (outcome) {
            case ConfirmationOutcome.Confirmed confirmed -> {
                long start = System.nanoTime();
                try {
                    bridge.submit(new Confirmation(fileId, clock.instant(), method, confirmed));
                    audit(method, "CONFIRMED", confirmed.qualification().card());
                    bridge.drain();
                } catch (RuntimeException e) {
                    log.error("could not hand the qualification to the レセコン store", e);
                    yield new VisitEvent.Failed(Problem.STORE_FAILED);
                } finally {
                    timings = timings.plusSink(System.nanoTime() - start);
                }
                QualificationSummary summary = summarise(confirmed);
                recordListeners.forEach(l -> l.accept(ReceptionRecord.confirmed(clock.instant(), summary, confirmed.qualification()).withMethod(method)));
                yield new VisitEvent.Confirmed(summary);
            }
            case ConfirmationOutcome.Rejected rejected when rejected.reason() == RejectionReason.NOT_REGISTERED
                    && method == IdentityMethod.PIN && card != null -> {
                // The PIN was verified in this card session: the card can be registered right here.
                log.info("card not registered for insurance use: offering registration");
                audit(method, "REJECTED_NOT_REGISTERED", null);
                yield new VisitEvent.RegistrationOffered();
            }
            case ConfirmationOutcome.Rejected rejected -> {
                log.info("backend rejected: {} {}", rejected.code(), rejected.reason());
                audit(method, "REJECTED_" + rejected.reason().name(), null);
                Problem problem = problemOf(rejected);
                recordListeners.forEach(l -> l.accept(ReceptionRecord.failed(clock.instant(), problem).withMethod(method)));
                yield new VisitEvent.Failed(problem);
            }
            case Unavailable unavailable -> {
                log.warn("backend unavailable: {} {}", unavailable.reason(), unavailable.diagnostic());
                recordListeners.forEach(
                        l -> l.accept(ReceptionRecord.failed(clock.instant(), Problem.BACKEND_UNAVAILABLE).withMethod(method)));
                yield new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE);
            }
        };
    }

    /** Best effort: the outbox already holds the confirmation; a failing audit log is an error for the staff. */
    private void audit(IdentityMethod method, String outcome, InsuranceCardId insurance) {
        if (audit == null) {
            return;
        }
        try {
            audit.append(new AuditEvent(clock.instant(), terminalId, visualStaffId, method.name(), outcome,
                    insurance == null ? "" : AuditEvent.hash(insurance.insurer().value(), insurance.symbol(),
                            insurance.number(), insurance.branch()),
                    authCertificate == null ? "" : AuditEvent.hash(authCertificate)));
        } catch (AuditLogException e) {
            log.error("audit log: {}", e.getMessage());
        }
    }

    public static Problem problemOf(ConfirmationOutcome.Rejected rejected) {
        return problemOf(rejected.reason());
    }

    public static Problem problemOf(org.uketsuke.eligibility.RejectionReason reason) {
        return switch (reason) {
            case NO_QUALIFICATION -> Problem.NO_QUALIFICATION;
            case QUALIFICATION_LOST -> Problem.QUALIFICATION_LOST;
            case CERTIFICATE_EXPIRED -> Problem.CERTIFICATE_EXPIRED;
            case CERTIFICATE_REVOKED -> Problem.CERTIFICATE_REVOKED;
            case CERTIFICATE_INVALID, SIGNATURE_INVALID -> Problem.CERTIFICATE_INVALID;
            case NOT_REGISTERED -> Problem.NOT_REGISTERED;
            case NONCE_INVALID, REQUEST_INVALID, PASSCODE_INVALID, PASSCODE_EXPIRED, PASSCODE_USED, ATTESTATION_INVALID ->
                    Problem.BACKEND_REJECTED;
        };
    }

    static QualificationSummary summarise(ConfirmationOutcome.Confirmed confirmed) {
        Qualification q = confirmed.qualification();
        return new QualificationSummary(
                q.card().insurer().value(),
                q.insurerName(),
                q.card().symbol(),
                q.card().number(),
                q.card().branch(),
                q.contributionRatio().percent(),
                q.name(),
                confirmed.processingTime());
    }

    private void endVisit() {
        faceProof = null;
        visualStaffId = null;
        card = null;
        authCertificate = null;
        lastAnswers = null;
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
