package org.uketsuke.mockbackend;

import static org.uketsuke.mockbackend.RouteTable.Route.get;
import static org.uketsuke.mockbackend.RouteTable.Route.post;

import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.medical.MedicalPatient;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.wire.BulkXml;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.eligibility.wire.SafeXml;
import org.uketsuke.eligibility.wire.ServiceXml;
import org.uketsuke.eligibility.wire.medical.MedicalXml;

/**
 * The HTTP side of the services: the route table of docs/backend-api.md, each endpoint reading its request message,
 * asking its service and writing the answer. Faults are injected into the confirmations, the batch status and the
 * medical information; nonce requests are not affected, so a fault hits the confirmation itself.
 */
final class Endpoints {

    private static final Logger log = LoggerFactory.getLogger(Endpoints.class);
    /** A 一括照会 upload may be large. */
    private static final int MAX_BATCH = 16 * 1024 * 1024;

    private final CardChecks checks;
    private final Confirmations confirmations;
    private final InsuranceUseRegistrations registrations;
    private final VisualPasscodes passcodes;
    private final ReferenceNumbers references;
    private final BatchInquiries batches;
    private final MedicalInformation medical;
    private final MedicalPdfRenderer pdfRenderer = new MedicalPdfRenderer();
    private final Revocation revocation;
    private final FaultInjector faults;
    private final Clock clock;
    private AuditAnchorStore anchors;
    private final SentResults sent = new SentResults();

    Endpoints(
            CardChecks checks,
            Confirmations confirmations,
            InsuranceUseRegistrations registrations,
            VisualPasscodes passcodes,
            ReferenceNumbers references,
            BatchInquiries batches,
            MedicalInformation medical,
            Revocation revocation,
            FaultInjector faults,
            Clock clock) {
        this.checks = checks;
        this.confirmations = confirmations;
        this.registrations = registrations;
        this.passcodes = passcodes;
        this.references = references;
        this.batches = batches;
        this.medical = medical;
        this.revocation = revocation;
        this.faults = faults;
        this.clock = clock;
    }

    /** Where the terminals' audit-log anchors are kept ({@code /audit/anchor}). */
    Endpoints withAuditAnchors(AuditAnchorStore anchors) {
        this.anchors = anchors;
        return this;
    }

    /** The confirmation answers as they went out. */
    SentResults sentResults() {
        return sent;
    }

    /** Every endpoint the backend answers. */
    RouteTable routes() {
        return new RouteTable(List.of(
                post("/oqs/v1/nonce", x -> Reply.text(200, checks.newNonce())),
                post("/oqs/v1/confirm/card", x -> confirm(x, true)),
                post("/oqs/v1/confirm/insurance", x -> confirm(x, false)),
                post(
                        "/oqs/v1/registration",
                        x -> Reply.xml(ServiceXml.writeRegistrationResult(
                                BackendTime.now(clock),
                                registrations.register(ServiceXml.parseRegistrationRequest(x.body()))))),
                post(
                        "/oqs/v1/registration/proof",
                        x -> Reply.xml(ServiceXml.writeRegistrationResult(
                                BackendTime.now(clock),
                                registrations.registerByProof(
                                        QualificationXml.parseCardRequest(x.body()), x.terminal())))),
                post(
                        "/oqs/v1/visual/passcode",
                        x -> Reply.xml(ServiceXml.writePasscode(
                                BackendTime.now(clock),
                                passcodes.issue(ServiceXml.parsePasscodeRequest(x.body()), x.terminal())))),
                post("/oqs/v1/reference/register", x -> referenceNumbers(x, true)),
                post("/oqs/v1/reference/batch", x -> referenceNumbers(x, false)),
                post("/oqs/v1/batch/submit", MAX_BATCH, this::submitBatch),
                post("/oqs/v1/batch/status", this::batchStatus),
                post("/oqs/v1/bulk/medical-aid", x -> submitBulk(x, BulkSelection.Exchange.MEDICAL_AID)),
                post("/oqs/v1/bulk/home-visit", x -> submitBulk(x, BulkSelection.Exchange.HOME_VISIT)),
                post("/oqs/v1/bulk/online", x -> submitBulk(x, BulkSelection.Exchange.ONLINE)),
                post("/oqs/v1/medical/records", x -> medical(x, false)),
                post("/oqs/v1/medical/pdf", x -> medical(x, true)),
                get("/crl/jpki.crl", x -> crl(Revocation.Authority.JPKI)),
                get("/crl/terminal.crl", x -> crl(Revocation.Authority.TERMINAL)),
                get("/crl/tls.crl", x -> crl(Revocation.Authority.SERVER_TLS)),
                post("/ocsp", x -> Reply.bytes("application/ocsp-response", revocation.ocsp(x.body()))),
                post("/audit/anchor", this::anchor),
                post("/audit/anchors", this::anchors),
                post("/admin/fault", this::injectFault)));
    }

    private Reply anchor(Exchange x) {
        String institution = Certificates.institutionOf(x.terminal(), "");
        try {
            return switch (anchors.add(institution, new String(x.body(), StandardCharsets.US_ASCII))) {
                case AuditAnchorStore.Confirmed c -> Reply.text(200, c.id() + "\n");
                case AuditAnchorStore.Shrunk s ->
                    Reply.text(
                            409,
                            "the log shrank: " + s.held().id() + " holds "
                                    + s.held().entries() + " entries\n");
            };
        } catch (IllegalArgumentException e) {
            return Reply.text(400, "malformed request: " + e.getMessage() + "\n");
        }
    }

    private Reply anchors(Exchange x) {
        String terminal = new String(x.body(), StandardCharsets.US_ASCII).strip();
        StringBuilder out = new StringBuilder();
        for (AuditAnchorStore.Anchor a : anchors.of(Certificates.institutionOf(x.terminal(), ""), terminal)) {
            out.append(a.held()).append('\n');
        }
        return Reply.text(200, out.toString());
    }

    private Reply confirm(Exchange x, boolean byCard) throws MalformedMessageException {
        Fault now = faults.take();
        Reply faulted = faulted(now);
        if (faulted != null) {
            return faulted;
        }
        ResultMessage result = now instanceof Fault.WrongNonce
                ? ResultMessage.rejected(BackendTime.now(clock), "", "", RejectionReason.NONCE_INVALID, "ナンスが無効です。")
                : byCard
                        ? confirmations.byCard(QualificationXml.parseCardRequest(x.body()), x.terminal())
                        : confirmations.byInsurance(
                                QualificationXml.parseSearch(x.body()), Certificates.institutionOf(x.terminal(), ""));
        byte[] xml = QualificationXml.write(result);
        if (now instanceof Fault.Malformed) {
            xml = Arrays.copyOf(xml, xml.length / 2);
        }
        sent.record(result.arbitraryFileIdentifier(), xml);
        return Reply.xml(xml);
    }

    private Reply referenceNumbers(Exchange x, boolean single) throws MalformedMessageException {
        List<ReferenceRegistration> list = ServiceXml.parseReferenceRequest(x.body());
        if (single && list.size() != 1) {
            return Reply.text(400, "malformed request: /oqs/v1/reference/register takes one registration\n");
        }
        return Reply.xml(ServiceXml.writeReferenceResults(
                BackendTime.now(clock), list, references.register(Certificates.institutionOf(x.terminal(), ""), list)));
    }

    private Reply submitBatch(Exchange x) throws MalformedMessageException {
        List<InsuranceSearch> searches = QualificationXml.parseBatchRequest(x.body());
        String reception = batches.submit(searches, Certificates.institutionOf(x.terminal(), ""));
        return Reply.xml(QualificationXml.writeBatchStatus(
                reception, BackendTime.now(clock), 0, searches.size(), searches, null));
    }

    /** The first step of a selecting bulk exchange: the upload answer with the reception number to fetch with. */
    private Reply submitBulk(Exchange x, BulkSelection.Exchange exchange) throws MalformedMessageException {
        BulkXml.SelectionRequest request = BulkXml.parseSelectionRequest(exchange, x.body());
        String institution = Certificates.institutionOf(x.terminal(), request.institution());
        String reception = batches.submitBulk(request.selection(), institution);
        return Reply.xml(BulkXml.writeAccepted(
                reception,
                BackendTime.now(clock),
                new BulkXml.Addressee(institution, request.fileId(), CharacterCode.UTF_8),
                batches.progress(reception).orElseThrow().searches().size()));
    }

    private Reply batchStatus(Exchange x) throws MalformedMessageException {
        Reply faulted = faulted(faults.take());
        if (faulted != null) {
            return faulted;
        }
        String reception = SafeXml.required(SafeXml.parse(x.body()), "ReceptionNumber");
        return batches.progress(reception)
                .map(p -> Reply.xml(QualificationXml.writeBatchStatus(
                        reception,
                        BackendTime.now(clock),
                        p.done(),
                        p.searches().size(),
                        p.searches(),
                        p.results())))
                .orElseGet(() -> Reply.text(404, "unknown reception number\n"));
    }

    private Reply medical(Exchange x, boolean pdf) throws MalformedMessageException {
        Reply faulted = faulted(faults.take());
        if (faulted != null) {
            return faulted;
        }
        MedicalXml.Request parsed = MedicalXml.parseRequest(x.body(), null);
        MedicalQuery query = parsed.query();
        String institution = Certificates.institutionOf(x.terminal(), parsed.medicalInstitutionCode());
        String now = BackendTime.now(clock);
        CharacterCode code = CharacterCode.UTF_8;
        return switch (medical.serve(query, institution)) {
            case MedicalInformation.Serve.Served served
            when !pdf ->
                Reply.xml(MedicalXml.writeRecords(
                        now,
                        institution,
                        query.arbitraryFileIdentifier(),
                        served.records(),
                        served.expiresAt(),
                        MedicalPatient.of(served.person()),
                        code));
            case MedicalInformation.Serve.Served served -> {
                try {
                    byte[] document =
                            pdfRenderer.render(served.records(), served.person(), clock.instant(), served.expiresAt());
                    yield new Reply.Body(
                            200,
                            "application/pdf",
                            document,
                            Map.of(HttpsEligibilityClient.CONSENT_EXPIRATION, BackendTime.stamp(served.expiresAt())));
                } catch (IllegalStateException e) {
                    log.error("medical PDF: {}", e.getMessage());
                    yield Reply.text(503, e.getMessage() + "\n");
                }
            }
            case MedicalInformation.Serve.Refused refused -> {
                byte[] xml = MedicalXml.writeRefusal(
                        now,
                        institution,
                        query.arbitraryFileIdentifier(),
                        query.category(),
                        refused.reason(),
                        refused.consent(),
                        refused.expiredAt(),
                        refused.message(),
                        code);
                yield !pdf
                        ? Reply.xml(xml)
                        : Reply.xml(refused.reason() == MedicalXml.Refusal.NOT_FOUND ? 404 : 403, xml);
            }
        };
    }

    private Reply crl(Revocation.Authority authority) {
        try {
            return Reply.bytes("application/pkix-crl", revocation.crl(authority).getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply injectFault(Exchange x) {
        try {
            faults.inject(Fault.parse(new String(x.body(), StandardCharsets.UTF_8)), Integer.MAX_VALUE);
            return Reply.text(200, "ok\n");
        } catch (IllegalArgumentException e) {
            return Reply.text(400, e.getMessage() + "\n");
        }
    }

    /** Latency waits and lets the answer go on (null); a status or a reset is the answer. */
    private static Reply faulted(Fault now) {
        switch (now) {
            case Fault.Latency latency -> sleep(latency.delay());
            case Fault.Status status -> {
                return Reply.text(status.code(), "injected fault\n");
            }
            case Fault.Reset reset -> {
                return new Reply.Reset();
            }
            default -> {}
        }
        return null;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
