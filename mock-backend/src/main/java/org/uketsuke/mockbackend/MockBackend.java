package org.uketsuke.mockbackend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.Attestation;
import org.uketsuke.eligibility.FaceAttestation;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.TlsMaterial;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * The embedded stand-in for the national qualification system: Jetty 12 on 127.0.0.1 over HTTPS with mandatory
 * client certificates (terminals issued by its terminal CA; anything else is refused in the handshake), a test JPKI
 * CA for the virtual cards, and a generated population in SQLite.
 *
 * <p>{@code POST /oqs/v1/nonce} — a fresh single-use nonce (32 random bytes, base64), valid 60 s.<br>
 * {@code POST /oqs/v1/confirm/card} — a card confirmation ({@link QualificationXml} request): the nonce must be
 * known and unused, the certificate must chain to the test JPKI CA, be within its validity and not revoked, the
 * signature over the nonce must verify with the certificate's key, and the certificate's serial must be linked to
 * a person; the answer is the official result message.
 */
public final class MockBackend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MockBackend.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));
    private static final Duration NONCE_LIFETIME = Duration.ofSeconds(60);
    private static final String DEMO_PIN = "1234";

    private final TestPki pki;
    private final Population population;
    private final Server server;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
    private final URI baseUri;
    private volatile Fault fault = new Fault.None();
    private final Map<String, BatchJob> batches = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService batchWorker = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().name("mock-backend-batch").daemon().unstarted(runnable));

    /** An uploaded 一括照会: processed in the background, answered by reception number. */
    private static final class BatchJob {
        final List<org.uketsuke.eligibility.InsuranceSearch> searches;
        final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        volatile List<ResultMessage> results;

        BatchJob(List<org.uketsuke.eligibility.InsuranceSearch> searches) {
            this.searches = List.copyOf(searches);
        }
    }
    private final java.util.concurrent.atomic.AtomicInteger faultBudget = new java.util.concurrent.atomic.AtomicInteger();

    private MockBackend(MockBackendConfig config, Clock clock) throws Exception {
        this.clock = clock;
        Files.createDirectories(config.stateDir());
        this.pki = TestPki.open(config.stateDir().resolve("pki"));
        this.population = Population.open(config.stateDir().resolve("population.db"), config.seed(), config.people());

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(pki.serverKeyStore());
        tls.setKeyStorePassword(new String(TestPki.PASSWORD));
        tls.setTrustStore(pki.terminalTrustStore());
        tls.setNeedClientAuth(true);
        // TLS 1.2: a refused client certificate then fails the handshake itself, so the terminal sees a TLS failure
        // every time (with 1.3 the client may finish first and only see a reset on its first read).
        tls.setIncludeProtocols("TLSv1.2");

        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("mock-backend");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(
                server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new Endpoints());
        server.setStopTimeout(2000);
        server.start();
        baseUri = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/");
        log.info("mock backend on {} ({} people)", baseUri, population.size());
    }

    /** Starts the backend; the first start in a state directory makes the test PKI and the population. */
    public static MockBackend start(MockBackendConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static MockBackend start(MockBackendConfig config, Clock clock) {
        try {
            return new MockBackend(config, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the mock backend did not start: " + e.getMessage(), e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The TLS identity of a terminal (medical institution) and trust in this server, for clients. */
    public TlsMaterial terminalTls() {
        return new TlsMaterial(pki.terminalKeyStore(), TestPki.PASSWORD, pki.tlsTrustStore());
    }

    /** TLS trust in this server only, with no client certificate: for tests that must be refused. */
    public TlsMaterial anonymousTls() {
        try {
            java.security.KeyStore empty = java.security.KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            return new TlsMaterial(empty, new char[0], pki.tlsTrustStore());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The card of a person (issued once, then the same card on every call and every run on this state). */
    public IssuedCard issueCard(int personIndex) {
        return issue(personIndex, "valid", clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(5 * 365)));
    }

    /** A card of that person whose auth certificate has expired. */
    public IssuedCard issueExpiredCard(int personIndex) {
        return issue(personIndex, "expired", clock.instant().minus(Duration.ofDays(6 * 365)), clock.instant().minus(Duration.ofDays(1)));
    }

    /** A genuine card linked to nobody: the holder never did 保険証利用登録. */
    public IssuedCard issueUnregisteredCard() {
        return issue(null, "unregistered", clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(365)));
    }

    /** Revokes a card's auth certificate (lost card, renewal). */
    public void revoke(IssuedCard card) {
        population.revoke(serialOf(parse(card.authCertDer())));
    }

    /**
     * Injects a fault into the next {@code times} confirmation answers ({@code Integer.MAX_VALUE}: until cleared with
     * {@link Fault.None}). Nonce requests are not affected, so the fault hits the confirmation itself.
     */
    public void injectFault(Fault fault, int times) {
        this.fault = fault;
        faultBudget.set(times);
    }

    private Fault takeFault() {
        Fault current = fault;
        if (current instanceof Fault.None) {
            return current;
        }
        if (faultBudget.getAndDecrement() <= 0) {
            fault = new Fault.None();
            return fault;
        }
        return current;
    }

    /** Ends a person's qualification (資格喪失). */
    public void loseQualification(int personIndex) {
        population.loseQualification(personIndex);
    }

    public int people() {
        return population.size();
    }

    /** A generated person's qualification as the population holds it (for tests and the batch bench). */
    public Qualification person(int index) {
        return population.person(index).orElseThrow(() -> new IllegalArgumentException("no person " + index));
    }

    private synchronized IssuedCard issue(Integer personIndex, String kind, Instant notBefore, Instant notAfter) {
        Qualification expected = personIndex == null ? null : population.person(personIndex)
                .orElseThrow(() -> new IllegalArgumentException("no person " + personIndex));
        Population.StoredCard stored = population.card(personIndex, kind).orElseGet(() -> {
            try {
                String opaque = HexFormat.of().withUpperCase().formatHex(random.generateSeed(8));
                TestPki.Entry entry = pki.issueCardCertificate(opaque, notBefore, notAfter);
                Population.StoredCard card = new Population.StoredCard(serialOf(entry.certificate()), personIndex, kind,
                        entry.certificate().getEncoded(), entry.key().getEncoded(), DEMO_PIN, false);
                population.storeCard(card);
                return card;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot issue a card", e);
            }
        });
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored.keyPkcs8()));
            return new IssuedCard(stored.certDer(), pki.jpkiCa().certificate().getEncoded(), key, stored.pin(), expected);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the confirmation -------------------------------------------------------------------------------------------

    private String newNonce() {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        String text = Base64.getEncoder().encodeToString(nonce);
        Instant now = clock.instant();
        nonces.values().removeIf(expiry -> expiry.isBefore(now));
        nonces.put(text, now.plus(NONCE_LIFETIME));
        return text;
    }

    ResultMessage confirm(QualificationXml.CardRequest parsed) {
        return confirm(parsed, null);
    }

    /**
     * @param terminal the client certificate of the TLS session: on the face path the attestation must be signed by
     *     its key
     */
    ResultMessage confirm(QualificationXml.CardRequest parsed, X509Certificate terminal) {
        CardConfirmationRequest request = parsed.request();
        String now = TIME.format(clock.instant());
        String institution = parsed.medicalInstitutionCode();
        String fileId = request.arbitraryFileIdentifier();
        Instant expiry = nonces.remove(Base64.getEncoder().encodeToString(request.nonce()));
        if (expiry == null || expiry.isBefore(clock.instant())) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.NONCE_INVALID, "ナンスが無効です。");
        }
        X509Certificate certificate;
        try {
            certificate = parse(request.authCertificateDer());
            certificate.verify(pki.jpkiCa().certificate().getPublicKey());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.CERTIFICATE_INVALID,
                    "電子証明書を検証できません。");
        }
        try {
            certificate.checkValidity(java.util.Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.CERTIFICATE_EXPIRED,
                    "電子証明書の有効期限が切れています。");
        } catch (CertificateNotYetValidException e) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.CERTIFICATE_INVALID,
                    "電子証明書はまだ有効ではありません。");
        }
        String serial = serialOf(certificate);
        var card = population.cardBySerial(serial);
        if (card.isPresent() && card.get().revoked()) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.CERTIFICATE_REVOKED,
                    "電子証明書は失効しています。");
        }
        if (!proofHolds(request, certificate, terminal)) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.SIGNATURE_INVALID, "署名を検証できません。");
        }
        if (card.isEmpty() || card.get().personId() == null) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.NOT_REGISTERED,
                    "健康保険証としての利用登録がされていません。");
        }
        int person = card.get().personId();
        if (population.lost(person)) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.QUALIFICATION_LOST, "資格が喪失しています。");
        }
        Qualification qualification = withConsents(population.person(person).orElseThrow(), request.consents());
        return ResultMessage.confirmed(now, institution, fileId, qualification, null);
    }

    private String submitBatch(List<org.uketsuke.eligibility.InsuranceSearch> searches) {
        String reception = "R" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(6));
        BatchJob job = new BatchJob(searches);
        batches.put(reception, job);
        batchWorker.execute(() -> {
            List<ResultMessage> results = new java.util.ArrayList<>(searches.size());
            for (var search : job.searches) {
                results.add(confirmByInsurance(new QualificationXml.SearchRequest(search, "", search.arbitraryIdentifier())));
                job.done.incrementAndGet();
            }
            job.results = List.copyOf(results);
        });
        return reception;
    }

    ResultMessage confirmByInsurance(QualificationXml.SearchRequest parsed) {
        String now = TIME.format(clock.instant());
        var search = parsed.search();
        var found = population.find(search.card(), search.birthdate());
        if (found.isEmpty()) {
            return ResultMessage.rejected(now, parsed.medicalInstitutionCode(), parsed.arbitraryFileIdentifier(),
                    RejectionReason.NO_QUALIFICATION, "該当する資格情報が存在しません。");
        }
        int person = found.getAsInt();
        if (population.lost(person)) {
            return ResultMessage.rejected(now, parsed.medicalInstitutionCode(), parsed.arbitraryFileIdentifier(),
                    RejectionReason.QUALIFICATION_LOST, "資格が喪失しています。");
        }
        Consent limit = search.limitConsent() ? Consent.YES : Consent.NO;
        Qualification q = withConsents(population.person(person).orElseThrow(),
                new Consents(Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, limit, limit));
        return ResultMessage.confirmed(now, parsed.medicalInstitutionCode(), parsed.arbitraryFileIdentifier(), q, null);
    }

    /**
     * The proof that the holder is present: on the PIN path the card's signature over the nonce (auth key); on the
     * face path the terminal's signed attestation for this nonce and this certificate, with presence proven and the
     * score at or above the threshold; on the visual path the terminal's signed statement that a named staff member
     * checked the card photo against the patient.
     */
    private static boolean proofHolds(CardConfirmationRequest request, X509Certificate card, X509Certificate terminal) {
        try {
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            if (request.method() == IdentityMethod.PIN) {
                rsa.initVerify(card.getPublicKey());
                rsa.update(request.nonce());
                return rsa.verify(request.signature());
            }
            Attestation attestation = request.attestation();
            if (attestation == null || terminal == null) {
                return false;
            }
            byte[] certHash = java.security.MessageDigest.getInstance("SHA-256").digest(card.getEncoded());
            if (!java.util.Arrays.equals(attestation.nonce(), request.nonce())
                    || !java.util.Arrays.equals(attestation.authCertificateSha256(), certHash)) {
                return false;
            }
            boolean vouched = switch (attestation) {
                case FaceAttestation face -> request.method() == IdentityMethod.FACE && face.presenceProven()
                        && face.score() >= face.threshold();
                case VisualAttestation visual -> request.method() == IdentityMethod.VISUAL;
            };
            if (!vouched) {
                return false;
            }
            rsa.initVerify(terminal.getPublicKey());
            rsa.update(attestation.bytes());
            return rsa.verify(request.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** 限度額 and 特定疾病 information are only returned when the patient consented to them at the reader. */
    static Qualification withConsents(Qualification q, Consents consents) {
        QualificationDetails d = q.details();
        QualificationDetails shown = new QualificationDetails(d.elderly(),
                consents.limitInfo() == Consent.YES ? d.limit() : java.util.Optional.empty(),
                consents.specificDisease() == Consent.YES ? d.specificDiseases() : java.util.List.of(),
                d.publicExpenses());
        return new Qualification(q.card(), q.insurerName(), q.name(), q.nameKana(), q.birthdate(), q.sex(),
                q.personalFamily(), q.contributionRatio(), q.qualificationDate(), shown);
    }

    private static X509Certificate peerCertificate(Request request) {
        EndPoint.SslSessionData ssl = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        X509Certificate[] chain = ssl == null ? null : ssl.peerCertificates();
        return chain == null || chain.length == 0 ? null : chain[0];
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a certificate", e);
        }
    }

    private static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** The HTTP side: two endpoints, everything else 404. */
    private final class Endpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (!HttpMethod.POST.is(request.getMethod())) {
                return reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain", "POST only\n");
            }
            switch (path) {
                case "/oqs/v1/nonce" -> {
                    return reply(response, callback, 200, "text/plain", newNonce());
                }
                case "/oqs/v1/confirm/card", "/oqs/v1/confirm/insurance" -> {
                    byte[] body;
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        body = in.readNBytes(64 * 1024);
                    } catch (IOException e) {
                        return reply(response, callback, 400, "text/plain", "unreadable body\n");
                    }
                    Fault now = takeFault();
                    switch (now) {
                        case Fault.Latency latency -> sleep(latency.delay());
                        case Fault.Status status -> {
                            return reply(response, callback, status.code(), "text/plain", "injected fault\n");
                        }
                        case Fault.Reset reset -> {
                            request.getConnectionMetaData().getConnection().getEndPoint().close();
                            callback.failed(new IOException("injected connection reset"));
                            return true;
                        }
                        default -> {}
                    }
                    try {
                        ResultMessage result = now instanceof Fault.WrongNonce
                                ? ResultMessage.rejected(TIME.format(clock.instant()), "", "", RejectionReason.NONCE_INVALID,
                                        "ナンスが無効です。")
                                : path.endsWith("/card")
                                        ? confirm(QualificationXml.parseCardRequest(body), peerCertificate(request))
                                        : confirmByInsurance(QualificationXml.parseSearch(body));
                        byte[] xml = QualificationXml.write(result);
                        if (now instanceof Fault.Malformed) {
                            xml = java.util.Arrays.copyOf(xml, xml.length / 2);
                        }
                        response.setStatus(200);
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml; charset=UTF-8");
                        response.write(true, ByteBuffer.wrap(xml), callback);
                        return true;
                    } catch (MalformedMessageException e) {
                        return reply(response, callback, 400, "text/plain", "malformed request: " + e.getMessage() + "\n");
                    }
                }
                case "/oqs/v1/batch/submit" -> {
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        List<org.uketsuke.eligibility.InsuranceSearch> searches =
                                QualificationXml.parseBatchRequest(in.readNBytes(16 * 1024 * 1024));
                        String reception = submitBatch(searches);
                        return replyXml(response, callback, QualificationXml.writeBatchStatus(
                                reception, TIME.format(clock.instant()), 0, searches.size(), searches, null));
                    } catch (IOException | MalformedMessageException e) {
                        return reply(response, callback, 400, "text/plain", "malformed batch: " + e.getMessage() + "\n");
                    }
                }
                case "/oqs/v1/batch/status" -> {
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        String reception = org.uketsuke.eligibility.wire.SafeXml.required(
                                org.uketsuke.eligibility.wire.SafeXml.parse(in.readNBytes(4096)), "ReceptionNumber");
                        BatchJob job = batches.get(reception);
                        if (job == null) {
                            return reply(response, callback, 404, "text/plain", "unknown reception number\n");
                        }
                        List<ResultMessage> results = job.results;
                        return replyXml(response, callback, QualificationXml.writeBatchStatus(reception,
                                TIME.format(clock.instant()), job.done.get(), job.searches.size(), job.searches, results));
                    } catch (IOException | MalformedMessageException e) {
                        return reply(response, callback, 400, "text/plain", "malformed status request\n");
                    }
                }
                case "/admin/fault" -> {
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        injectFault(Fault.parse(new String(in.readNBytes(256), StandardCharsets.UTF_8)), Integer.MAX_VALUE);
                        return reply(response, callback, 200, "text/plain", "ok\n");
                    } catch (IOException | IllegalArgumentException e) {
                        return reply(response, callback, 400, "text/plain", e.getMessage() + "\n");
                    }
                }
                default -> {
                    return reply(response, callback, 404, "text/plain", "no such endpoint\n");
                }
            }
        }

        private boolean replyXml(Response response, Callback callback, byte[] xml) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml; charset=UTF-8");
            response.write(true, ByteBuffer.wrap(xml), callback);
            return true;
        }

        private boolean reply(Response response, Callback callback, int status, String type, String text) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=UTF-8");
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    @Override
    public void close() {
        batchWorker.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the mock backend", e);
        }
        population.close();
    }
}
