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

/**
 * The qualification system over HTTPS with mutual TLS (OkHttp): the terminal's certificate identifies the medical
 * institution, and only the CAs in {@link TlsMaterial#trustStore()} are trusted for the server. Endpoints:
 * {@code POST /oqs/v1/nonce} (base64 text) and {@code POST /oqs/v1/confirm/card} (XML, see {@link QualificationXml}).
 * Transport failures become typed {@link ConfirmationOutcome.Unavailable} answers, never exceptions; after three
 * in a row a {@link CircuitBreaker} answers "unavailable" at once for 15 s. Every call carries {@value #REQUEST_ID}.
 *
 * <p>How answers map: nothing listening → {@code UNREACHABLE}; no answer within the timeout → {@code TIMEOUT};
 * untrusted server certificate or our certificate refused → {@code TLS_FAILURE}; HTTP 5xx → {@code SERVER_ERROR};
 * a 2xx that is not a result message (truncated, DTD, wrong root) → {@code MALFORMED_RESPONSE}; a 4xx without a
 * result message (the backend refused the request itself) → {@link ConfirmationOutcome.Rejected} with
 * {@link RejectionReason#REQUEST_INVALID}, since sending it again cannot help.
 */
public final class HttpsEligibilityClient implements EligibilityClient {

    private static final MediaType XML = MediaType.get("application/xml; charset=utf-8");
    /** Every call carries an id the backend can log, so a receptionist's "it failed at 10:32" can be traced. */
    public static final String REQUEST_ID = "X-Request-Id";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));

    private final URI baseUri;
    private final OkHttpClient http;
    private final String institutionCode;
    private final Clock clock;
    private final CircuitBreaker breaker;
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
        this.baseUri = baseUri;
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
        Call call = http.newCall(new Request.Builder().url(baseUri.resolve("/oqs/v1/batch/submit").toString())
                .post(RequestBody.create(xml, XML)).build());
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw new EligibilityUnavailableException(UnavailableReason.SERVER_ERROR, "batch: HTTP " + response.code(), null);
            }
            return org.uketsuke.eligibility.wire.SafeXml.required(
                    org.uketsuke.eligibility.wire.SafeXml.parse(response.body().bytes()), "ReceptionNumber");
        } catch (MalformedMessageException e) {
            throw new EligibilityUnavailableException(UnavailableReason.MALFORMED_RESPONSE, "batch: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EligibilityUnavailableException(classify(call, e), "batch: " + e, e);
        } finally {
            inHandshake.remove(call);
        }
    }

    @Override
    public BatchStatus batchStatus(String receptionNumber) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageBody><ReceptionNumber>"
                + receptionNumber.replaceAll("[^0-9A-Za-z-]", "") + "</ReceptionNumber></MessageBody></XmlMsg>";
        Call call = http.newCall(new Request.Builder().url(baseUri.resolve("/oqs/v1/batch/status").toString())
                .post(RequestBody.create(xml.getBytes(StandardCharsets.UTF_8), XML)).build());
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                return new BatchStatus.Failed(receptionNumber, "HTTP " + response.code());
            }
            return QualificationXml.parseBatchStatus(response.body().bytes());
        } catch (MalformedMessageException e) {
            return new BatchStatus.Failed(receptionNumber, "malformed: " + e.getMessage());
        } catch (IOException e) {
            return new BatchStatus.Failed(receptionNumber, classify(call, e) + ": " + e);
        } finally {
            inHandshake.remove(call);
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
