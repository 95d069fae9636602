package org.uketsuke.eligibility.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.PasscodeOutcome;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.client.EligibilityTransport.Answered;
import org.uketsuke.eligibility.client.EligibilityTransport.Calls;
import org.uketsuke.eligibility.client.EligibilityTransport.Failed;
import org.uketsuke.eligibility.client.EligibilityTransport.Reply;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPdf;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.wire.BulkXml;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultCodes;
import org.uketsuke.eligibility.wire.SafeXml;
import org.uketsuke.eligibility.wire.ServiceXml;
import org.uketsuke.eligibility.wire.WireDates;
import org.uketsuke.eligibility.wire.medical.MedicalXml;

/**
 * The qualification system over {@link EligibilityTransport}: builds each request message, sends it, and reads the
 * answer into the method's sealed outcome. Endpoints (see docs/backend-api.md): nonce, card and insurance-number
 * confirmation, 一括照会 submit/status ({@link QualificationXml}), 保険証利用登録, visual-check passcode and 照会番号
 * registration ({@link ServiceXml}), medical information ({@link MedicalXml}: {@code /oqs/v1/medical/records} and
 * {@code /oqs/v1/medical/pdf}), the CRLs and OCSP. Only pure queries (batch status, medical information, CRL, OCSP)
 * are retried.
 *
 * <p>How answers map: transport failures are the transport's {@link Unavailable}; HTTP 5xx → {@code SERVER_ERROR};
 * a 2xx that is not the expected message (truncated, DTD, wrong root) → {@code MALFORMED_RESPONSE}; a 4xx without a
 * result message (the backend refused the request itself) → {@link RejectionReason#REQUEST_INVALID}, since sending
 * it again cannot help.
 */
public final class HttpsEligibilityClient implements EligibilityClient, MedicalInformationClient {

    private static final MediaType XML = MediaType.get("application/xml; charset=utf-8");
    private static final MediaType OCSP_REQUEST = MediaType.get("application/ocsp-request");
    /** Every call carries an id the backend can log (see {@link EligibilityTransport#REQUEST_ID}). */
    public static final String REQUEST_ID = EligibilityTransport.REQUEST_ID;
    /** The consent window's end that comes with a PDF answer (YYYYMMDDhhmmss, JST). */
    public static final String CONSENT_EXPIRATION = "X-Consent-Expiration";

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(JST);

    private final EligibilityTransport transport;
    private final String institutionCode;
    private final Clock clock;

    public HttpsEligibilityClient(URI baseUri, TlsMaterial tls, Duration timeout) {
        this(baseUri, tls, timeout, "", Clock.systemUTC());
    }

    /**
     * @param institutionCode the 10-digit 医療機関コード put in request headers (the backend trusts the certificate)
     */
    public HttpsEligibilityClient(URI baseUri, TlsMaterial tls, Duration timeout, String institutionCode, Clock clock) {
        this(baseUri, tls, timeout, institutionCode, clock, RetryPolicy.DEFAULT);
    }

    /** @param retry how pure queries (batch status, medical information, CRL, OCSP) are retried; others never are */
    public HttpsEligibilityClient(
            URI baseUri, TlsMaterial tls, Duration timeout, String institutionCode, Clock clock, RetryPolicy retry) {
        this(new EligibilityTransport(baseUri, tls, timeout, retry, clock), institutionCode, clock);
    }

    public HttpsEligibilityClient(EligibilityTransport transport, String institutionCode, Clock clock) {
        this.transport = transport;
        this.institutionCode = institutionCode;
        this.clock = clock;
    }

    /** The audit log's anchors, over the same mTLS transport. */
    public AuditAnchorClient auditAnchors() {
        return new AuditAnchorClient(transport);
    }

    @Override
    public String institutionCode() {
        return institutionCode;
    }

    @Override
    public NonceOutcome nonce() {
        return switch (transport.post("/oqs/v1/nonce", new byte[0], null, Calls.ONCE)) {
            case Failed failed -> failed.unavailable();
            case Answered answer
            when !answer.successful() ->
                new Unavailable(UnavailableReason.SERVER_ERROR, "nonce: HTTP " + answer.status());
            case Answered answer -> {
                try {
                    String text = new String(answer.body(), StandardCharsets.US_ASCII).strip();
                    byte[] nonce = Base64.getDecoder().decode(text);
                    yield nonce.length < 16
                            ? new Unavailable(UnavailableReason.MALFORMED_RESPONSE, "nonce: " + nonce.length + " bytes")
                            : new NonceOutcome.Issued(nonce);
                } catch (IllegalArgumentException e) {
                    yield new Unavailable(UnavailableReason.MALFORMED_RESPONSE, "nonce: " + e.getMessage());
                }
            }
        };
    }

    @Override
    public ConfirmationOutcome confirmByCard(CardConfirmationRequest confirmation) {
        return confirm("/oqs/v1/confirm/card", QualificationXml.writeCardRequest(confirmation, institutionCode, now()));
    }

    @Override
    public ConfirmationOutcome confirmByInsurance(InsuranceSearch search) {
        return confirm(
                "/oqs/v1/confirm/insurance",
                QualificationXml.writeSearch(search, institutionCode, search.arbitraryIdentifier(), now()));
    }

    private ConfirmationOutcome confirm(String path, byte[] xml) {
        return switch (transport.post(path, xml, XML, Calls.ONCE)) {
            case Failed failed -> failed.unavailable();
            case Answered answer
            when answer.status() >= 500 ->
                new Unavailable(UnavailableReason.SERVER_ERROR, path + ": HTTP " + answer.status());
            case Answered answer -> {
                try {
                    yield QualificationXml.outcomeOf(answer.body());
                } catch (MalformedMessageException e) {
                    yield answer.status() >= 400
                            ? new ConfirmationOutcome.Rejected(
                                    RejectionReason.REQUEST_INVALID,
                                    ResultCodes.codeOf(RejectionReason.REQUEST_INVALID),
                                    refusal(answer))
                            : new Unavailable(
                                    UnavailableReason.MALFORMED_RESPONSE,
                                    path + ": HTTP " + answer.status() + ": " + e.getMessage());
                }
            }
        };
    }

    /** Not retried: a second upload would be a second batch. */
    @Override
    public BatchSubmission submitBatch(List<InsuranceSearch> searches) {
        byte[] xml = QualificationXml.writeBatchRequest(searches, institutionCode, now());
        return switch (transport.post("/oqs/v1/batch/submit", xml, XML, Calls.ONCE)) {
            case Failed failed -> failed.unavailable();
            case Answered answer
            when answer.status() >= 300 ->
                new Unavailable(UnavailableReason.SERVER_ERROR, "batch: HTTP " + answer.status());
            case Answered answer -> {
                try {
                    String receptionNumber = SafeXml.required(SafeXml.parse(answer.body()), "ReceptionNumber");
                    yield new BatchSubmission.Accepted(receptionNumber);
                } catch (MalformedMessageException e) {
                    yield new Unavailable(UnavailableReason.MALFORMED_RESPONSE, "batch: " + e.getMessage());
                }
            }
        };
    }

    /** Not retried: a second request would be a second batch. */
    @Override
    public BatchSubmission submitBulk(BulkSelection selection) {
        byte[] xml = BulkXml.writeSelectionRequest(selection, institutionCode, "", CharacterCode.UTF_8);
        String path = "/oqs/v1/bulk/"
                + selection.exchange().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (transport.post(path, xml, XML, Calls.ONCE)) {
            case Failed failed -> failed.unavailable();
            case Answered answer
            when answer.status() >= 300 ->
                new Unavailable(UnavailableReason.SERVER_ERROR, "bulk: HTTP " + answer.status());
            case Answered answer -> {
                try {
                    yield new BatchSubmission.Accepted(
                            BulkXml.parseHeader(answer.body()).receptionNumber());
                } catch (MalformedMessageException e) {
                    yield new Unavailable(UnavailableReason.MALFORMED_RESPONSE, "bulk: " + e.getMessage());
                }
            }
        };
    }

    /** A pure query: tried again on transport failures and 502/503/504 (see {@link RetryPolicy}). */
    @Override
    public BatchStatus batchStatus(String receptionNumber) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageBody><ReceptionNumber>"
                + receptionNumber.replaceAll("[^0-9A-Za-z-]", "") + "</ReceptionNumber></MessageBody></XmlMsg>";
        return switch (transport.post(
                "/oqs/v1/batch/status", xml.getBytes(StandardCharsets.UTF_8), XML, Calls.IDEMPOTENT)) {
            case Failed failed -> failed.unavailable();
            case Answered answer
            when answer.status() >= 500 ->
                new Unavailable(UnavailableReason.SERVER_ERROR, "batch status: HTTP " + answer.status());
            case Answered answer
            when answer.status() >= 300 -> new BatchStatus.Failed(receptionNumber, refusal(answer));
            case Answered answer -> {
                try {
                    yield QualificationXml.parseBatchStatus(answer.body());
                } catch (MalformedMessageException e) {
                    yield new Unavailable(UnavailableReason.MALFORMED_RESPONSE, "batch status: " + e.getMessage());
                }
            }
        };
    }

    @Override
    public RegistrationOutcome registerForInsuranceUse(InsuranceUseRegistration registration) {
        return register(
                "/oqs/v1/registration", ServiceXml.writeRegistrationRequest(registration, institutionCode, now()));
    }

    @Override
    public RegistrationOutcome registerByProof(CardConfirmationRequest proof) {
        return register("/oqs/v1/registration/proof", QualificationXml.writeCardRequest(proof, institutionCode, now()));
    }

    private RegistrationOutcome register(String path, byte[] xml) {
        return switch (transport.post(path, xml, XML, Calls.ONCE)) {
            case Failed failed -> failed.unavailable();
            case Answered answer when answer.status() >= 400 -> refusedRegistration(answer);
            case Answered answer -> {
                try {
                    yield ServiceXml.parseRegistrationResult(answer.body());
                } catch (MalformedMessageException e) {
                    yield new Unavailable(UnavailableReason.MALFORMED_RESPONSE, "registration: " + e.getMessage());
                }
            }
        };
    }

    @Override
    public PasscodeOutcome visualCheckPasscode(String staffId) {
        VisualAttestation.checkStaffId(staffId);
        byte[] xml = ServiceXml.writePasscodeRequest(staffId, institutionCode, now());
        return switch (transport.post("/oqs/v1/visual/passcode", xml, XML, Calls.ONCE)) {
            case Failed failed -> failed.unavailable();
            case Answered answer
            when answer.status() >= 300 ->
                new Unavailable(
                        UnavailableReason.SERVER_ERROR,
                        "passcode: HTTP " + answer.status() + ": " + firstLine(answer.body()));
            case Answered answer -> {
                try {
                    yield new PasscodeOutcome.Issued(ServiceXml.parsePasscode(answer.body()));
                } catch (MalformedMessageException e) {
                    yield new Unavailable(UnavailableReason.MALFORMED_RESPONSE, "passcode: " + e.getMessage());
                }
            }
        };
    }

    @Override
    public List<RegistrationOutcome> registerReferenceNumbers(List<ReferenceRegistration> registrations) {
        if (registrations.isEmpty()) {
            return List.of();
        }
        String path = registrations.size() == 1 ? "/oqs/v1/reference/register" : "/oqs/v1/reference/batch";
        byte[] xml = ServiceXml.writeReferenceRequest(registrations, institutionCode, now());
        return switch (transport.post(path, xml, XML, Calls.ONCE)) {
            case Failed failed -> sameFor(registrations, failed.unavailable());
            case Answered answer when answer.status() >= 400 -> sameFor(registrations, refusedRegistration(answer));
            case Answered answer -> {
                try {
                    List<RegistrationOutcome> outcomes = ServiceXml.parseReferenceResults(answer.body());
                    yield outcomes.size() == registrations.size()
                            ? outcomes
                            : sameFor(
                                    registrations,
                                    new Unavailable(
                                            UnavailableReason.MALFORMED_RESPONSE,
                                            outcomes.size() + " results for " + registrations.size()
                                                    + " registrations"));
                } catch (MalformedMessageException e) {
                    yield sameFor(
                            registrations,
                            new Unavailable(UnavailableReason.MALFORMED_RESPONSE, path + ": " + e.getMessage()));
                }
            }
        };
    }

    private static List<RegistrationOutcome> sameFor(
            List<ReferenceRegistration> registrations, RegistrationOutcome one) {
        return Collections.nCopies(registrations.size(), one);
    }

    /** A 5xx is the system's failure; a 4xx without a result message is our request refused as such. */
    private static RegistrationOutcome refusedRegistration(Answered answer) {
        if (answer.status() >= 500) {
            return new Unavailable(UnavailableReason.SERVER_ERROR, "HTTP " + answer.status());
        }
        return new RegistrationOutcome.Rejected(
                RejectionReason.REQUEST_INVALID, ResultCodes.codeOf(RejectionReason.REQUEST_INVALID), refusal(answer));
    }

    // ---- medical information ---------------------------------------------------------------------------------------

    /** A pure query, so retried like batch status. */
    @Override
    public MedicalOutcome<MedicalRecords> medicalRecords(MedicalQuery query) {
        byte[] xml = MedicalXml.writeRequest(query, institutionCode, "2", CharacterCode.UTF_8);
        return switch (transport.post("/oqs/v1/medical/records", xml, XML, Calls.IDEMPOTENT)) {
            case Failed failed -> new MedicalOutcome.NotAnswered<>(failed.unavailable());
            case Answered answer
            when answer.status() >= 500 ->
                notAnswered(UnavailableReason.SERVER_ERROR, "medical records: HTTP " + answer.status());
            case Answered answer -> {
                try {
                    yield switch (MedicalXml.parseAnswer(answer.body())) {
                        case MedicalXml.Answer.Served served -> served.outcome();
                        case MedicalXml.Answer.Refused refused -> refused.outcome();
                    };
                } catch (MalformedMessageException e) {
                    yield notAnswered(UnavailableReason.MALFORMED_RESPONSE, "medical records: " + e.getMessage());
                }
            }
        };
    }

    /** A pure query, so retried like batch status. */
    @Override
    public MedicalOutcome<MedicalPdf> medicalPdf(MedicalQuery query) {
        byte[] xml = MedicalXml.writeRequest(query, institutionCode, "1", CharacterCode.UTF_8);
        return switch (transport.post("/oqs/v1/medical/pdf", xml, XML, Calls.IDEMPOTENT)) {
            case Failed failed -> new MedicalOutcome.NotAnswered<>(failed.unavailable());
            case Answered answer
            when answer.status() >= 500 ->
                notAnswered(UnavailableReason.SERVER_ERROR, "medical PDF: HTTP " + answer.status());
            case Answered answer -> {
                try {
                    if (answer.status() == 200 && isPdf(answer.body())) {
                        String expiration = answer.header(CONSENT_EXPIRATION);
                        Instant expiry = expiration == null
                                ? null
                                : LocalDateTime.parse(expiration, TIME)
                                        .atZone(JST)
                                        .toInstant();
                        yield new MedicalOutcome.Found<>(new MedicalPdf(query.category(), answer.body()), expiry);
                    }
                    yield switch (MedicalXml.parseAnswer(answer.body())) {
                        case MedicalXml.Answer.Served served ->
                            notAnswered(UnavailableReason.MALFORMED_RESPONSE, "records where a PDF was asked for");
                        case MedicalXml.Answer.Refused refused -> refused.outcome();
                    };
                } catch (MalformedMessageException | DateTimeParseException e) {
                    yield notAnswered(UnavailableReason.MALFORMED_RESPONSE, "medical PDF: " + e.getMessage());
                }
            }
        };
    }

    private static boolean isPdf(byte[] body) {
        return body.length > 4 && new String(body, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-");
    }

    private static <T> MedicalOutcome<T> notAnswered(UnavailableReason reason, String diagnostic) {
        return new MedicalOutcome.NotAnswered<>(new Unavailable(reason, diagnostic));
    }

    // ---- revocation ------------------------------------------------------------------------------------------------

    /** A CA of the backend's test PKI that publishes a CRL. */
    public enum CertificateAuthority {
        /** The (test) JPKI user-authentication CA: card certificates. */
        JPKI("jpki"),
        /** The terminal CA: medical institution client certificates. */
        TERMINAL("terminal");

        private final String file;

        CertificateAuthority(String file) {
            this.file = file;
        }
    }

    /** What fetching revocation data (a CRL or an OCSP answer) ended in. */
    public sealed interface Download {
        /** The DER bytes as served. */
        record Received(byte[] der) implements Download {
            public Received {
                der = der.clone();
            }

            @Override
            public byte[] der() {
                return der.clone();
            }
        }

        record NotReceived(Unavailable unavailable) implements Download {}
    }

    /** The DER CRL the backend publishes for that CA ({@code GET /crl/<ca>.crl}). Idempotent: retried. */
    public Download revocationList(CertificateAuthority authority) {
        return download("CRL", transport.get("/crl/" + authority.file + ".crl", Calls.IDEMPOTENT));
    }

    /**
     * Asks the backend's OCSP responder ({@code POST /ocsp}, RFC 6960): a DER {@code OCSPRequest} in, the DER
     * {@code OCSPResponse} out. A pure query, so retried.
     */
    public Download ocsp(byte[] request) {
        return download("OCSP", transport.post("/ocsp", request, OCSP_REQUEST, Calls.IDEMPOTENT));
    }

    private static Download download(String what, Reply reply) {
        return switch (reply) {
            case Failed failed -> new Download.NotReceived(failed.unavailable());
            case Answered answer
            when answer.status() != 200 ->
                new Download.NotReceived(
                        new Unavailable(UnavailableReason.SERVER_ERROR, what + ": HTTP " + answer.status()));
            case Answered answer -> new Download.Received(answer.body());
        };
    }

    private String now() {
        return WireDates.formatStamp(LocalDateTime.ofInstant(clock.instant(), JST));
    }

    /** "HTTP 4xx: " and the start of the plain-text error answer, for the log and the staff screen. */
    private static String refusal(Answered answer) {
        return "HTTP " + answer.status() + ": " + firstLine(answer.body());
    }

    /** The start of a plain-text error answer, printable characters only. */
    private static String firstLine(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip();
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end))
                .replaceAll("\\p{Cntrl}", "")
                .strip();
    }
}
