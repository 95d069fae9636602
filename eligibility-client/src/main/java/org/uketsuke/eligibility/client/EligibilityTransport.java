package org.uketsuke.eligibility.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateRevokedException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.CipherSuite;
import okhttp3.ConnectionSpec;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.TlsVersion;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;

/**
 * The one way to the qualification system: HTTPS with mutual TLS (TLS 1.3 preferred; TLS 1.2 only with the ECDHE AEAD
 * suites of {@link #TLS12_SUITES}; the terminal's certificate identifies the medical institution, only the CAs of
 * {@link TlsMaterial#trustStore()} are trusted, the host name is verified and, when configured, the server
 * certificate is checked against its CA's CRL — {@link ServerRevocation}),
 * a request id on every call ({@value #REQUEST_ID}), one overall timeout per call, bounded retries of idempotent calls
 * ({@link RetryPolicy}), a {@link CircuitBreaker} that answers at once during an outage, and one classification of
 * failures into {@link UnavailableReason}s. Knows nothing of the messages it carries. Thread-safe.
 *
 * <p>How failures map: nothing listening or unknown host → {@code UNREACHABLE}; no answer within the timeout →
 * {@code TIMEOUT}; untrusted server certificate, or ours refused (the server closes the socket mid-handshake) →
 * {@code TLS_FAILURE}; a certificate for another host name → {@code SERVER_NAME_MISMATCH}; a server certificate on
 * its CA's CRL → {@code SERVER_CERTIFICATE_REVOKED}; circuit open → {@code CIRCUIT_OPEN}. HTTP statuses are answers, read by the caller.
 */
public final class EligibilityTransport {

    /** Every call carries an id the backend can log, so a receptionist's "it failed at 10:32" can be traced. */
    public static final String REQUEST_ID = "X-Request-Id";

    /** TLS 1.3's suites (all AEAD, all forward secret). */
    static final List<CipherSuite> TLS13_SUITES = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256);

    /** TLS 1.2 only with ECDHE (forward secrecy) and AEAD: no CBC, no RSA key exchange, no SHA-1 MAC. */
    static final List<CipherSuite> TLS12_SUITES = List.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);

    /** Failures another attempt cannot mend: the server's identity is wrong, not the network. */
    private static final Set<UnavailableReason> NOT_RETRIED = EnumSet.of(
            UnavailableReason.TLS_FAILURE,
            UnavailableReason.SERVER_NAME_MISMATCH,
            UnavailableReason.SERVER_CERTIFICATE_REVOKED);

    /** How many paths' URLs are kept ({@link #url}). */
    static final int URLS_KEPT = 64;

    /** Gateway answers worth another attempt of an idempotent call. */
    private static final Set<Integer> RETRIABLE_STATUS = Set.of(502, 503, 504);

    /** Whether a call may be sent twice: only pure queries may, since a second confirmation could confirm twice. */
    public enum Calls {
        IDEMPOTENT,
        ONCE
    }

    /** What one call came back with. */
    public sealed interface Reply {}

    /** An HTTP answer, read whole, with its headers (names lower case). */
    public record Answered(int status, byte[] body, Map<String, List<String>> headers) implements Reply {
        public Answered {
            headers = Map.copyOf(headers);
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /** No HTTP answer (or the circuit was open): the shared outcome case, ready to hand to the caller's caller. */
    public record Failed(Unavailable unavailable) implements Reply {
        public Failed {
            Objects.requireNonNull(unavailable, "unavailable");
        }
    }

    private final URI baseUri;
    private final OkHttpClient http;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final CircuitBreaker breaker;
    private final AtomicLong requestCounter = new AtomicLong();
    private final String requestPrefix = Long.toHexString(System.nanoTime() & 0xFFFFFF);
    /** The URLs of the paths called so far ({@link #url}). */
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();
    /** Calls whose TLS handshake started but did not finish: a failure then is a TLS failure, whatever the socket. */
    private final Map<Call, Boolean> inHandshake = new ConcurrentHashMap<>();

    /**
     * @param timeout the overall time one call may take, retries included
     * @throws IllegalArgumentException if the key or trust store cannot be used (a configuration fault)
     */
    public EligibilityTransport(URI baseUri, TlsMaterial tls, Duration timeout, RetryPolicy retry, Clock clock) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.breaker = new CircuitBreaker(3, Duration.ofSeconds(15), clock);
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(tls.keyStore(), tls.keyPassword());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(tls.trustStore());
            X509ExtendedTrustManager platform = (X509ExtendedTrustManager) trust.getTrustManagers()[0];
            ConnectionSpec tlsOnly = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
                    .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2)
                    .cipherSuites(Stream.concat(TLS13_SUITES.stream(), TLS12_SUITES.stream())
                            .toArray(CipherSuite[]::new))
                    .build();
            OkHttpClient.Builder base = new OkHttpClient.Builder()
                    .connectionSpecs(List.of(tlsOnly))
                    .callTimeout(timeout)
                    .connectTimeout(timeout)
                    .readTimeout(timeout)
                    .retryOnConnectionFailure(false);
            OkHttpClient plain = base.sslSocketFactory(socketFactory(keys, tls, platform), platform)
                    .build();
            X509TrustManager trustManager = switch (tls.serverRevocation()) {
                case ServerRevocation.NotChecked n -> platform;
                case ServerRevocation.Crl crl -> new CrlTrustManager(platform, tls.trustStore(), crl, plain, clock);
            };
            this.http = plain.newBuilder()
                    .sslSocketFactory(socketFactory(keys, tls, trustManager), trustManager)
                    .eventListener(new HandshakeTracker())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable TLS material: " + e.getMessage(), e);
        }
    }

    private static SSLSocketFactory socketFactory(KeyManagerFactory keys, TlsMaterial tls, X509TrustManager trust)
            throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(AliasKeyManager.of(keys, tls), new TrustManager[] {trust}, null);
        return context.getSocketFactory();
    }

    /** POSTs {@code body} ({@code type} may be null) to {@code path}. */
    public Reply post(String path, byte[] body, MediaType type, Calls calls) {
        return exchange(request(path).post(RequestBody.create(body, type)), calls);
    }

    /** GETs {@code path}. */
    public Reply get(String path, Calls calls) {
        return exchange(request(path).get(), calls);
    }

    private Request.Builder request(String path) {
        return new Request.Builder().url(url(path));
    }

    /**
     * The absolute URL of a path: resolved and parsed once per path (the client's paths are a handful of constants),
     * not on every call. More paths than {@link #URLS_KEPT} are resolved each time instead of kept.
     */
    HttpUrl url(String path) {
        HttpUrl url = urls.get(path);
        if (url == null) {
            url = HttpUrl.get(baseUri.resolve(path).toString());
            if (urls.size() < URLS_KEPT) {
                urls.put(path, url);
            }
        }
        return url;
    }

    /**
     * One call with a request id, within the overall timeout. Idempotent calls are tried again (the same request id)
     * after a transport failure other than TLS or a 502/503/504, as {@link #retry} allows; the last answer or failure
     * stands. A transport failure or a 5xx counts once against the circuit breaker; any other answer closes it.
     */
    private Reply exchange(Request.Builder builder, Calls calls) {
        Request request = builder.header(REQUEST_ID, nextRequestId()).build();
        String path = request.url().encodedPath();
        if (!breaker.allows()) {
            return failed(UnavailableReason.CIRCUIT_OPEN, "circuit open after repeated failures; not calling " + path);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int attempts = calls == Calls.IDEMPOTENT ? retry.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            Call call = http.newCall(request);
            call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            Duration wait = retry.backoffAfter(attempt);
            try (Response response = call.execute()) {
                Answered answer = new Answered(
                        response.code(),
                        response.body().bytes(),
                        response.headers().toMultimap());
                if (!(another(attempt, attempts, wait, deadline) && RETRIABLE_STATUS.contains(answer.status()))) {
                    if (answer.status() >= 500) {
                        breaker.failure();
                    } else {
                        breaker.success();
                    }
                    return answer;
                }
            } catch (IOException e) {
                UnavailableReason reason = classify(call, e);
                if (!another(attempt, attempts, wait, deadline) || NOT_RETRIED.contains(reason)) {
                    breaker.failure();
                    return failed(reason, path + " [" + request.header(REQUEST_ID) + "]: " + describe(e));
                }
            } finally {
                inHandshake.remove(call);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(UnavailableReason.TIMEOUT, path + ": interrupted between attempts");
            }
        }
    }

    /** Whether one more attempt is left and can start (after the backoff) before the deadline. */
    private static boolean another(int attempt, int attempts, Duration wait, long deadline) {
        return attempt < attempts && System.nanoTime() + wait.toNanos() < deadline;
    }

    /** The failure and, if deeper, its root cause (e.g. the expired certificate under a handshake failure). */
    @SuppressWarnings("ReferenceEquality") // walking the cause chain: the same exception object, not an equal one
    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + "; root cause: " + root;
    }

    private static Failed failed(UnavailableReason reason, String diagnostic) {
        return new Failed(new Unavailable(reason, diagnostic));
    }

    private String nextRequestId() {
        return "uk-" + requestPrefix + "-" + requestCounter.incrementAndGet();
    }

    private UnavailableReason classify(Call call, IOException e) {
        UnavailableReason reason = classify(e);
        // A server that refuses our certificate closes the socket mid-handshake: we see a broken pipe or a reset.
        // (A slow handshake that runs out of time stays a timeout; a named TLS reason stays what it is.)
        if (reason == UnavailableReason.UNREACHABLE && Boolean.TRUE.equals(inHandshake.get(call))) {
            return UnavailableReason.TLS_FAILURE;
        }
        return reason;
    }

    static UnavailableReason classify(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateRevokedException) {
                return UnavailableReason.SERVER_CERTIFICATE_REVOKED;
            }
        }
        // OkHttp verifies the host name after the handshake and says so in this exception.
        if (e instanceof SSLPeerUnverifiedException
                && String.valueOf(e.getMessage()).startsWith("Hostname ")) {
            return UnavailableReason.SERVER_NAME_MISMATCH;
        }
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

    /** Marks calls between the start and the end of their TLS handshake (see {@link #classify(Call, IOException)}). */
    private final class HandshakeTracker extends EventListener {
        @Override
        public void secureConnectStart(Call call) {
            inHandshake.put(call, true);
        }

        @Override
        public void secureConnectEnd(Call call, Handshake handshake) {
            inHandshake.remove(call);
        }
    }
}
