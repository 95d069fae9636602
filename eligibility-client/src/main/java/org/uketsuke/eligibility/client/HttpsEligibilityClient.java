package org.uketsuke.eligibility;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultCodes;
import org.uketsuke.eligibility.wire.ServiceXml;

/**
 * The qualification system over HTTPS with mutual TLS (OkHttp): the terminal's certificate identifies the medical
 * institution, and only the CAs in {@link TlsMaterial#trustStore()} are trusted for the server. Endpoints (see
 * docs/backend-api.md): nonce, card and insurance-number confirmation, 一括照会 submit/status ({@link QualificationXml}),
 * 保険証利用登録, visual-check passcode and 照会番号 registration ({@link ServiceXml}), the CRLs and OCSP. Only the
 * idempotent ones (batch status, CRL, OCSP) are retried, as {@link RetryPolicy} says.
 * Medical information (薬剤・健診・診療・手術, {@link org.uketsuke.eligibility.wire.MedicalXml}) comes from
 * {@code /oqs/v1/medical/records} and {@code /oqs/v1/medical/pdf}; a pure query, so retried like batch status.
 * Transport failures become typed {@link ConfirmationOutcome.Unavailable} answers, never exceptions; after three
 * in a row a {@link CircuitBreaker} answers "unavailable" at once for 15 s. Every call carries {@value #REQUEST_ID}.
 *
 * <p>How answers map: nothing listening → {@code UNREACHABLE}; no answer within the timeout → {@code TIMEOUT};
 * untrusted server certificate or our certificate refused → {@code TLS_FAILURE}; HTTP 5xx → {@code SERVER_ERROR};
 * a 2xx that is not a result message (truncated, DTD, wrong root) → {@code MALFORMED_RESPONSE}; a 4xx without a
 * result message (the backend refused the request itself) → {@link ConfirmationOutcome.Rejected} with
 * {@link RejectionReason#REQUEST_INVALID}, since sending it again cannot help.
 */
public final class HttpsEligibilityClient implements EligibilityClient,
        org.uketsuke.eligibility.medical.MedicalInformationClient {

    private static final MediaType XML = MediaType.get("application/xml; charset=utf-8");
    private static final MediaType OCSP_REQUEST = MediaType.get("application/ocsp-request");
    /** Every call carries an id the backend can log, so a receptionist's "it failed at 10:32" can be traced. */
    public static final String REQUEST_ID = "X-Request-Id";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));

    private final URI baseUri;
    private final OkHttpClient http;
    private final String institutionCode;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final java.util.concurrent.atomic.AtomicLong requestCounter = new java.util.concurrent.atomic.AtomicLong();
    private final String requestPrefix = Long.toHexString(System.nanoTime() & 0xFFFFFF);

    /** Calls whose TLS handshake started but did not finish: a failure then is a TLS failure, whatever the socket says. */
    private final Map<Call, Boolean> inHandshake = new ConcurrentHashMap<>();

    public HttpsEligibilityClient(URI baseUri, TlsMaterial tls, Duration timeout) {
        this(baseUri, tls, timeout, "", Clock.systemUTC());
    }

    /**
     * @param institutionCode the 10-digit 医療機関コード put in request headers (the backend trusts the certificate)
     */
    public HttpsEligibilityClient(URI baseUri, TlsMaterial tls, Duration timeout, String institutionCode, Clock clock) {
        this(baseUri, tls, timeout, institutionCode, clock, RetryPolicy.DEFAULT);
    }

    /** @param retry how idempotent calls (batch status, CRL, OCSP) are tried again; others never are */
    public HttpsEligibilityClient(URI baseUri, TlsMaterial tls, Duration timeout, String institutionCode, Clock clock,
            RetryPolicy retry) {
        this.baseUri = baseUri;
        this.timeout = timeout;
        this.retry = java.util.Objects.requireNonNull(retry, "retry");
        this.institutionCode = institutionCode;
        this.clock = clock;
        this.breaker = new CircuitBreaker(3, Duration.ofSeconds(15), clock);
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(tls.keyStore(), tls.keyPassword());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(tls.trustStore());
            X509TrustManager trustManager = (X509TrustManager) trust.getTrustManagers()[0];
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new javax.net.ssl.TrustManager[] {trustManager}, null);
            this.http = new OkHttpClient.Builder()
                    .sslSocketFactory(context.getSocketFactory(), trustManager)
                    .callTimeout(timeout)
                    .connectTimeout(timeout)
                    .readTimeout(timeout)
                    .retryOnConnectionFailure(false)
                    .eventListener(new EventListener() {
                        @Override
                        public void secureConnectStart(Call call) {
                            inHandshake.put(call, true);
                        }

                        @Override
                        public void secureConnectEnd(Call call, Handshake handshake) {
                            inHandshake.remove(call);
                        }
                    })
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable TLS material: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] nonce() throws EligibilityUnavailableException {
        if (!breaker.allows()) {
            throw new EligibilityUnavailableException(UnavailableReason.UNREACHABLE, "circuit open after repeated failures", null);
        }
        Request request = new Request.Builder()
                .url(baseUri.resolve("/oqs/v1/nonce").toString())
                .header(REQUEST_ID, nextRequestId())
                .post(RequestBody.create(new byte[0], null))
                .build();
        Call call = http.newCall(request);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                if (response.code() >= 500) {
                    breaker.failure();
                }
                throw new EligibilityUnavailableException(
                        UnavailableReason.SERVER_ERROR, "nonce: HTTP " + response.code(), null);
            }
            try {
                byte[] nonce = Base64.getDecoder().decode(body(response).strip());
                if (nonce.length < 16) {
                    throw new IllegalArgumentException("nonce too short");
                }
                breaker.success();
                return nonce;
            } catch (IllegalArgumentException e) {
                throw new EligibilityUnavailableException(UnavailableReason.MALFORMED_RESPONSE, "nonce", e);
            }
        } catch (IOException e) {
            breaker.failure();
            throw new EligibilityUnavailableException(classify(call, e), "nonce: " + e, e);
        } finally {
            inHandshake.remove(call);
        }
    }

    @Override
    public ConfirmationOutcome confirmByCard(CardConfirmationRequest confirmation) {
        return post("/oqs/v1/confirm/card",
                QualificationXml.writeCardRequest(confirmation, institutionCode, TIME.format(clock.instant())));
    }

    @Override
    public ConfirmationOutcome confirmByInsurance(InsuranceSearch search) {
        String now = TIME.format(clock.instant());
        return post("/oqs/v1/confirm/insurance",
                QualificationXml.writeSearch(search, institutionCode, search.arbitraryIdentifier(), now));
    }

    @Override
    public String submitBatch(java.util.List<InsuranceSearch> searches) throws EligibilityUnavailableException {
        byte[] xml = QualificationXml.writeBatchRequest(searches, institutionCode, TIME.format(clock.instant()));
        // Not retried: a second upload would be a second batch.
        Answer answer = exchange(post("/oqs/v1/batch/submit", xml, XML), false);
        if (answer.code() >= 300) {
            throw new EligibilityUnavailableException(UnavailableReason.SERVER_ERROR, "batch: HTTP " + answer.code(), null);
        }
        try {
            return org.uketsuke.eligibility.wire.SafeXml.required(
                    org.uketsuke.eligibility.wire.SafeXml.parse(answer.body()), "ReceptionNumber");
        } catch (MalformedMessageException e) {
            throw new EligibilityUnavailableException(UnavailableReason.MALFORMED_RESPONSE, "batch: " + e.getMessage(), e);
        }
    }

    /** Idempotent: tried again on transport failures and 502/503/504 (see {@link RetryPolicy}). */
    @Override
    public BatchStatus batchStatus(String receptionNumber) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageBody><ReceptionNumber>"
                + receptionNumber.replaceAll("[^0-9A-Za-z-]", "") + "</ReceptionNumber></MessageBody></XmlMsg>";
        try {
            Answer answer = exchange(post("/oqs/v1/batch/status", xml.getBytes(StandardCharsets.UTF_8), XML), true);
            if (answer.code() >= 300) {
                return new BatchStatus.Failed(receptionNumber, "HTTP " + answer.code());
            }
            return QualificationXml.parseBatchStatus(answer.body());
        } catch (MalformedMessageException e) {
            return new BatchStatus.Failed(receptionNumber, "malformed: " + e.getMessage());
        } catch (EligibilityUnavailableException e) {
            return new BatchStatus.Failed(receptionNumber, e.getMessage());
        }
    }

    @Override
    public RegistrationOutcome registerForInsuranceUse(InsuranceUseRegistration registration) {
        byte[] xml = ServiceXml.writeRegistrationRequest(registration, institutionCode, TIME.format(clock.instant()));
        try {
            Answer answer = exchange(post("/oqs/v1/registration", xml, XML), false);
            if (answer.code() >= 500) {
                return new RegistrationOutcome.Unavailable(UnavailableReason.SERVER_ERROR, "HTTP " + answer.code());
            }
            if (answer.code() >= 400) {
                return new RegistrationOutcome.Rejected(RejectionReason.REQUEST_INVALID,
                        ResultCodes.codeOf(RejectionReason.REQUEST_INVALID), "HTTP " + answer.code() + ": " + firstLine(answer.body()));
            }
            return ServiceXml.parseRegistrationResult(answer.body());
        } catch (MalformedMessageException e) {
            return new RegistrationOutcome.Unavailable(UnavailableReason.MALFORMED_RESPONSE, e.getMessage());
        } catch (EligibilityUnavailableException e) {
            return new RegistrationOutcome.Unavailable(e.reason(), e.getMessage());
        }
    }

    @Override
    public VisualPasscode visualCheckPasscode(String staffId) throws EligibilityUnavailableException {
        VisualAttestation.checkStaffId(staffId);
        byte[] xml = ServiceXml.writePasscodeRequest(staffId, institutionCode, TIME.format(clock.instant()));
        Answer answer = exchange(post("/oqs/v1/visual/passcode", xml, XML), false);
        if (answer.code() >= 300) {
            throw new EligibilityUnavailableException(UnavailableReason.SERVER_ERROR,
                    "passcode: HTTP " + answer.code() + ": " + firstLine(answer.body()), null);
        }
        try {
            return ServiceXml.parsePasscode(answer.body());
        } catch (MalformedMessageException e) {
            throw new EligibilityUnavailableException(UnavailableReason.MALFORMED_RESPONSE, "passcode: " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.List<RegistrationOutcome> registerReferenceNumbers(java.util.List<ReferenceRegistration> registrations) {
        if (registrations.isEmpty()) {
            return java.util.List.of();
        }
        String path = registrations.size() == 1 ? "/oqs/v1/reference/register" : "/oqs/v1/reference/batch";
        byte[] xml = ServiceXml.writeReferenceRequest(registrations, institutionCode, TIME.format(clock.instant()));
        RegistrationOutcome failure;
        try {
            Answer answer = exchange(post(path, xml, XML), false);
            if (answer.code() >= 500) {
                failure = new RegistrationOutcome.Unavailable(UnavailableReason.SERVER_ERROR, "HTTP " + answer.code());
            } else if (answer.code() >= 400) {
                failure = new RegistrationOutcome.Rejected(RejectionReason.REQUEST_INVALID,
                        ResultCodes.codeOf(RejectionReason.REQUEST_INVALID), "HTTP " + answer.code() + ": " + firstLine(answer.body()));
            } else {
                java.util.List<RegistrationOutcome> outcomes = ServiceXml.parseReferenceResults(answer.body());
                if (outcomes.size() == registrations.size()) {
                    return outcomes;
                }
                failure = new RegistrationOutcome.Unavailable(UnavailableReason.MALFORMED_RESPONSE,
                        outcomes.size() + " results for " + registrations.size() + " registrations");
            }
        } catch (MalformedMessageException e) {
            failure = new RegistrationOutcome.Unavailable(UnavailableReason.MALFORMED_RESPONSE, e.getMessage());
        } catch (EligibilityUnavailableException e) {
            failure = new RegistrationOutcome.Unavailable(e.reason(), e.getMessage());
        }
        return java.util.Collections.nCopies(registrations.size(), failure);
    }

    // ---- medical information ---------------------------------------------------------------------------------------

    /** The consent window's end that comes with a PDF answer (YYYYMMDDhhmmss, JST). */
    public static final String CONSENT_EXPIRATION = "X-Consent-Expiration";

    @Override
    public org.uketsuke.eligibility.medical.MedicalOutcome<org.uketsuke.eligibility.medical.MedicalRecords> medicalRecords(
            org.uketsuke.eligibility.medical.MedicalQuery query) {
        byte[] xml = org.uketsuke.eligibility.wire.MedicalXml.writeRequest(query, institutionCode, "2",
                org.uketsuke.eligibility.wire.CharacterCode.UTF_8);
        try {
            Answer answer = exchange(post("/oqs/v1/medical/records", xml, XML), true);
            if (answer.code() >= 500) {
                return new org.uketsuke.eligibility.medical.MedicalOutcome.Unavailable<>(UnavailableReason.SERVER_ERROR,
                        "HTTP " + answer.code());
            }
            return switch (org.uketsuke.eligibility.wire.MedicalXml.parseAnswer(answer.body())) {
                case org.uketsuke.eligibility.wire.MedicalXml.Answer.Served served ->
                        new org.uketsuke.eligibility.medical.MedicalOutcome.Found<>(served.records(), served.consentExpiresAt());
                case org.uketsuke.eligibility.wire.MedicalXml.Answer.Refused refused -> refusal(refused);
            };
        } catch (MalformedMessageException e) {
            return new org.uketsuke.eligibility.medical.MedicalOutcome.Unavailable<>(UnavailableReason.MALFORMED_RESPONSE,
                    e.getMessage());
        } catch (EligibilityUnavailableException e) {
            return new org.uketsuke.eligibility.medical.MedicalOutcome.Unavailable<>(e.reason(), e.getMessage());
        }
    }

    @Override
    public org.uketsuke.eligibility.medical.MedicalOutcome<org.uketsuke.eligibility.medical.MedicalPdf> medicalPdf(
            org.uketsuke.eligibility.medical.MedicalQuery query) {
        byte[] xml = org.uketsuke.eligibility.wire.MedicalXml.writeRequest(query, institutionCode, "1",
                org.uketsuke.eligibility.wire.CharacterCode.UTF_8);
        try {
            Answer answer = exchange(post("/oqs/v1/medical/pdf", xml, XML), true);
            if (answer.code() >= 500) {
                return new org.uketsuke.eligibility.medical.MedicalOutcome.Unavailable<>(UnavailableReason.SERVER_ERROR,
                        "HTTP " + answer.code());
            }
            if (answer.code() == 200 && answer.body().length > 4 && new String(answer.body(), 0, 5,
                    StandardCharsets.US_ASCII).equals("%PDF-")) {
                java.time.Instant expiry = answer.consentExpiration() == null ? null
                        : java.time.LocalDateTime.parse(answer.consentExpiration(), DateTimeFormatter.ofPattern("uuuuMMddHHmmss"))
                                .atZone(ZoneId.of("Asia/Tokyo")).toInstant();
                return new org.uketsuke.eligibility.medical.MedicalOutcome.Found<>(
                        new org.uketsuke.eligibility.medical.MedicalPdf(query.category(), answer.body()), expiry);
            }
            return switch (org.uketsuke.eligibility.wire.MedicalXml.parseAnswer(answer.body())) {
                case org.uketsuke.eligibility.wire.MedicalXml.Answer.Served served ->
                        new org.uketsuke.eligibility.medical.MedicalOutcome.Unavailable<>(UnavailableReason.MALFORMED_RESPONSE,
                                "records where a PDF was asked for");
                case org.uketsuke.eligibility.wire.MedicalXml.Answer.Refused refused -> refusal(refused);
            };
        } catch (MalformedMessageException | java.time.format.DateTimeParseException e) {
            return new org.uketsuke.eligibility.medical.MedicalOutcome.Unavailable<>(UnavailableReason.MALFORMED_RESPONSE,
                    e.getMessage());
        } catch (EligibilityUnavailableException e) {
            return new org.uketsuke.eligibility.medical.MedicalOutcome.Unavailable<>(e.reason(), e.getMessage());
        }
    }

    private static <T> org.uketsuke.eligibility.medical.MedicalOutcome<T> refusal(
            org.uketsuke.eligibility.wire.MedicalXml.Answer.Refused refused) {
        return switch (refused.reason()) {
            case NO_CONSENT -> new org.uketsuke.eligibility.medical.MedicalOutcome.NoConsent<>(refused.category(),
                    refused.consent() == null ? Consent.NO : refused.consent());
            case CONSENT_EXPIRED -> new org.uketsuke.eligibility.medical.MedicalOutcome.ConsentExpired<>(refused.category(),
                    refused.expiredAt());
            case NOT_FOUND -> new org.uketsuke.eligibility.medical.MedicalOutcome.NotFound<>(refused.message());
        };
    }

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

    /** The DER CRL the backend publishes for that CA ({@code GET /crl/<ca>.crl}). Idempotent: retried. */
    public byte[] revocationList(CertificateAuthority authority) throws EligibilityUnavailableException {
        Answer answer = exchange(new Request.Builder().url(baseUri.resolve("/crl/" + authority.file + ".crl").toString()).get(),
                true);
        if (answer.code() != 200) {
            throw new EligibilityUnavailableException(UnavailableReason.SERVER_ERROR, "CRL: HTTP " + answer.code(), null);
        }
        return answer.body();
    }

    /**
     * Asks the backend's OCSP responder ({@code POST /ocsp}, RFC 6960): a DER {@code OCSPRequest} in, the DER
     * {@code OCSPResponse} out. A pure query, so retried.
     */
    public byte[] ocsp(byte[] request) throws EligibilityUnavailableException {
        Answer answer = exchange(post("/ocsp", request, OCSP_REQUEST), true);
        if (answer.code() != 200) {
            throw new EligibilityUnavailableException(UnavailableReason.SERVER_ERROR, "OCSP: HTTP " + answer.code(), null);
        }
        return answer.body();
    }

    private Request.Builder post(String path, byte[] body, MediaType type) {
        return new Request.Builder().url(baseUri.resolve(path).toString()).post(RequestBody.create(body, type));
    }

    /** An HTTP answer read whole. */
    private record Answer(int code, byte[] body, String consentExpiration) {
        Answer(int code, byte[] body) {
            this(code, body, null);
        }
    }

    private static final java.util.Set<Integer> RETRIABLE_STATUS = java.util.Set.of(502, 503, 504);

    /**
     * One call with a request id, within the overall timeout. Idempotent calls are tried again (the same request id)
     * after a transport failure other than TLS or a 502/503/504, as {@link #retry} allows; the last answer or failure
     * stands. Transport failures and 5xx count once against the circuit breaker.
     */
    private Answer exchange(Request.Builder builder, boolean idempotent) throws EligibilityUnavailableException {
        if (!breaker.allows()) {
            throw new EligibilityUnavailableException(UnavailableReason.UNREACHABLE, "circuit open after repeated failures", null);
        }
        Request request = builder.header(REQUEST_ID, nextRequestId()).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int attempts = idempotent ? retry.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            Call call = http.newCall(request);
            call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            Duration wait = retry.backoffAfter(attempt);
            try (Response response = call.execute()) {
                Answer answer = new Answer(response.code(), response.body().bytes(), response.header(CONSENT_EXPIRATION));
                // Another attempt only if one is left and it can start (after the backoff) before the deadline.
                boolean another = attempt < attempts && System.nanoTime() + wait.toNanos() < deadline;
                if (!(another && RETRIABLE_STATUS.contains(answer.code()))) {
                    if (answer.code() >= 500) {
                        breaker.failure();
                    } else {
                        breaker.success();
                    }
                    return answer;
                }
            } catch (IOException e) {
                UnavailableReason reason = classify(call, e);
                boolean another = attempt < attempts && System.nanoTime() + wait.toNanos() < deadline;
                if (!another || reason == UnavailableReason.TLS_FAILURE) {
                    breaker.failure();
                    throw new EligibilityUnavailableException(reason, request.url().encodedPath() + ": " + e, e);
                }
            } finally {
                inHandshake.remove(call);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EligibilityUnavailableException(UnavailableReason.TIMEOUT, "interrupted between attempts", e);
            }
        }
    }

    private ConfirmationOutcome post(String path, byte[] xml) {
        if (!breaker.allows()) {
            return new ConfirmationOutcome.Unavailable(UnavailableReason.UNREACHABLE,
                    "circuit open after repeated failures; not calling " + path);
        }
        Request request = new Request.Builder()
                .url(baseUri.resolve(path).toString())
                .header(REQUEST_ID, nextRequestId())
                .post(RequestBody.create(xml, XML))
                .build();
        Call call = http.newCall(request);
        try (Response response = call.execute()) {
            if (response.code() >= 500) {
                breaker.failure();
                return new ConfirmationOutcome.Unavailable(UnavailableReason.SERVER_ERROR, "HTTP " + response.code());
            }
            ResponseBody body = response.body();
            byte[] bytes = body.bytes();
            try {
                ConfirmationOutcome outcome = QualificationXml.parseResult(bytes).toOutcome();
                breaker.success();
                return outcome;
            } catch (MalformedMessageException e) {
                if (response.code() >= 400) {
                    // The backend read our request and refused it: retrying the same request will not help.
                    breaker.success();
                    return new ConfirmationOutcome.Rejected(RejectionReason.REQUEST_INVALID,
                            ResultCodes.codeOf(RejectionReason.REQUEST_INVALID),
                            "HTTP " + response.code() + ": " + firstLine(bytes));
                }
                return new ConfirmationOutcome.Unavailable(UnavailableReason.MALFORMED_RESPONSE,
                        "HTTP " + response.code() + ": " + e.getMessage());
            }
        } catch (IOException e) {
            breaker.failure();
            return new ConfirmationOutcome.Unavailable(classify(call, e), e.toString());
        } finally {
            inHandshake.remove(call);
        }
    }

    private String nextRequestId() {
        return "uk-" + requestPrefix + "-" + requestCounter.incrementAndGet();
    }

    /** The start of a plain-text error answer, printable characters only, for the log and the staff screen. */
    private static String firstLine(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip();
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replaceAll("\\p{Cntrl}", "").strip();
    }

    private static String body(Response response) throws IOException {
        return new String(response.body().bytes(), StandardCharsets.US_ASCII);
    }

    private UnavailableReason classify(Call call, IOException e) {
        // A server that refuses our certificate closes the socket mid-handshake: we see a broken pipe or a reset.
        if (Boolean.TRUE.equals(inHandshake.get(call))) {
            return UnavailableReason.TLS_FAILURE;
        }
        return classify(e);
    }

    static UnavailableReason classify(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return UnavailableReason.TLS_FAILURE;
            }
            if (t instanceof SocketTimeoutException) {
                return UnavailableReason.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return UnavailableReason.UNREACHABLE;
            }
        }
        if (e instanceof InterruptedIOException) {
            return UnavailableReason.TIMEOUT; // OkHttp's call timeout
        }
        return UnavailableReason.UNREACHABLE;
    }
}
