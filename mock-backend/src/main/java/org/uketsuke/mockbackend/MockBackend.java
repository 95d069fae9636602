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
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.VisualPasscode;
import org.uketsuke.eligibility.wire.ServiceXml;
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
 * a person; the answer is the official result message. The other endpoints are listed in docs/backend-api.md:
 * 保険証利用登録, visual-check passcodes, 照会番号 registration, 一括照会, the CRLs and the OCSP responder.
 */
public final class MockBackend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MockBackend.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));
    private static final Duration NONCE_LIFETIME = Duration.ofSeconds(60);
    private static final String DEMO_PIN = "1234";
    /** How long a visual-check passcode may be used after it was issued. */
    static final Duration PASSCODE_LIFETIME = Duration.ofMinutes(5);
    /** CRL reason of a lost card or a withdrawn terminal: the key may be in someone else's hands. */
    static final int KEY_COMPROMISE = org.bouncycastle.asn1.x509.CRLReason.keyCompromise;

    private final TestPki pki;
    private final Population population;
    private final Server server;
    private final Revocation revocation;
    private final SslContextFactory.Server tls;
    private volatile boolean servingExpiredCertificate;
    private final Map<String, Passcode> passcodes = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> served = new ConcurrentHashMap<>();

    /** An issued visual-check passcode: to whom, by which terminal, until when, and whether it was used. */
    private static final class Passcode {
        final String staffId;
        final String terminalSerial;
        final Instant expiresAt;
        final java.util.concurrent.atomic.AtomicBoolean used = new java.util.concurrent.atomic.AtomicBoolean();

        Passcode(String staffId, String terminalSerial, Instant expiresAt) {
            this.staffId = staffId;
            this.terminalSerial = terminalSerial;
            this.expiresAt = expiresAt;
        }
    }
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

    private final long seed;
    private final MedicalConsents medicalConsents;
    private final MedicalPdfRenderer pdfRenderer = new MedicalPdfRenderer();

    private MockBackend(MockBackendConfig config, Clock clock) throws Exception {
        this.clock = clock;
        this.seed = config.seed();
        Files.createDirectories(config.stateDir());
        this.pki = TestPki.open(config.stateDir().resolve("pki"));
        this.population = Population.open(config.stateDir().resolve("population.db"), config.seed(), config.people());
        this.medicalConsents = new MedicalConsents(org.uketsuke.eligibility.medical.ConsentPolicy.defaults(),
                config.stateDir().resolve("consents.db"));
        this.revocation = new Revocation(pki, population, clock);
        revocation.issued(Revocation.Authority.TERMINAL, pki.terminal().certificate());

        // Terminal certificates: the terminal CA's trust, then the terminal CA's current CRL (revoked → no handshake).
        tls = new SslContextFactory.Server() {
            @Override
            protected javax.net.ssl.TrustManager[] getTrustManagers(java.security.KeyStore trustStore,
                    java.util.Collection<? extends java.security.cert.CRL> crls) throws Exception {
                javax.net.ssl.TrustManager[] defaults = super.getTrustManagers(trustStore, crls);
                for (int i = 0; i < defaults.length; i++) {
                    if (defaults[i] instanceof javax.net.ssl.X509ExtendedTrustManager x509) {
                        defaults[i] = new TerminalTrustManager(x509, revocation, clock);
                    }
                }
                return defaults;
            }
        };
        servingExpiredCertificate = config.expiredServerCertificate();
        tls.setKeyStore(servingExpiredCertificate ? pki.expiredServerKeyStore() : pki.serverKeyStore());
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

    /** A card of that person whose holder has not done 保険証利用登録 yet: "not registered" until they do. */
    public IssuedCard issueUnregisteredCard(int personIndex) {
        return issue(personIndex, "unregistered", clock.instant().minus(Duration.ofDays(1)),
                clock.instant().plus(Duration.ofDays(5 * 365)));
    }

    /** Revokes a card's auth certificate (lost card): CRL and OCSP list it, confirmations refuse it. */
    public void revoke(IssuedCard card) {
        revocation.revoke(Revocation.Authority.JPKI, parse(card.authCertDer()), KEY_COMPROMISE);
    }

    /**
     * A further terminal (another medical institution) with a fresh certificate of the terminal CA, and trust in this
     * server.
     */
    public TlsMaterial issueTerminal(String institutionCode) {
        try {
            java.security.KeyStore keys = pki.issueTerminalKeyStore(institutionCode);
            revocation.issued(Revocation.Authority.TERMINAL, terminalCertificateOf(keys));
            return new TlsMaterial(keys, TestPki.PASSWORD, pki.tlsTrustStore());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a terminal certificate", e);
        }
    }

    /** A terminal whose certificate of the terminal CA expired yesterday: its handshakes are refused. */
    public TlsMaterial issueExpiredTerminal(String institutionCode) {
        try {
            Instant now = clock.instant();
            java.security.KeyStore keys = pki.issueTerminalKeyStore(institutionCode, now.minus(Duration.ofDays(400)),
                    now.minus(Duration.ofDays(1)));
            revocation.issued(Revocation.Authority.TERMINAL, terminalCertificateOf(keys));
            return new TlsMaterial(keys, TestPki.PASSWORD, pki.tlsTrustStore());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a terminal certificate", e);
        }
    }

    /** Revokes a terminal's certificate: its next TLS handshake is refused (the terminal CA's CRL lists it). */
    public void revokeTerminal(TlsMaterial terminal) {
        try {
            revocation.revoke(Revocation.Authority.TERMINAL, terminalCertificateOf(terminal.keyStore()), KEY_COMPROMISE);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a terminal key store", e);
        }
    }

    private static X509Certificate terminalCertificateOf(java.security.KeyStore keys) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(keys.aliases())) {
            if (keys.isKeyEntry(alias)) {
                return (X509Certificate) keys.getCertificate(alias);
            }
        }
        throw new GeneralSecurityException("no key entry");
    }

    /** The test JPKI CA's certificate (what a CRL or an OCSP answer about cards verifies against). */
    public X509Certificate jpkiCaCertificate() {
        return pki.jpkiCa().certificate();
    }

    /** The terminal CA's certificate. */
    public X509Certificate terminalCaCertificate() {
        return pki.terminalCa().certificate();
    }

    /** How many requests reached this endpoint path (e.g. {@code /oqs/v1/batch/status}), faults included. */
    public int requests(String path) {
        var count = served.get(path);
        return count == null ? 0 : count.get();
    }

    /**
     * Injects a fault into the next {@code times} confirmation answers ({@code Integer.MAX_VALUE}: until cleared with
     * {@link Fault.None}). Nonce requests are not affected, so the fault hits the confirmation itself.
     */
    public void injectFault(Fault fault, int times) {
        boolean expired = fault instanceof Fault.ExpiredServerCertificate;
        if (expired != servingExpiredCertificate) {
            try {
                tls.reload(factory -> factory.setKeyStore(expired ? pki.expiredServerKeyStore() : pki.serverKeyStore()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot switch the server certificate", e);
            }
            servingExpiredCertificate = expired;
        }
        this.fault = expired ? new Fault.None() : fault;
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

    /** The prescription form the person chose at their last card confirmation at this institution, if asked. */
    public java.util.Optional<org.uketsuke.eligibility.PrescriptionForm> prescriptionForm(String institution, int personIndex) {
        return medicalConsents.prescriptionForm(institution, personIndex);
    }

    /** The prescription form of the person's last card confirmation at any institution, if it was asked. */
    public java.util.Optional<org.uketsuke.eligibility.PrescriptionForm> lastPrescriptionForm(int personIndex) {
        return medicalConsents.lastPrescriptionForm(personIndex);
    }

    /** The generated history of a person as it stands today, consent aside (for tests and the demo). */
    public org.uketsuke.eligibility.medical.MedicalRecords medicalHistory(int personIndex,
            org.uketsuke.eligibility.medical.MedicalCategory category) {
        var card = person(personIndex).card();
        return history(personIndex).records(org.uketsuke.eligibility.medical.MedicalQuery.all(card, category));
    }

    private MedicalHistory history(int person) {
        return MedicalHistory.of(seed, person, population.person(person).orElseThrow(),
                java.time.LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Tokyo")));
    }

    /** What a medical-information request ends in: the records with their consent window, or a refusal. */
    private sealed interface MedicalServe {
        record Served(org.uketsuke.eligibility.medical.MedicalRecords records, Qualification person, Instant expiresAt)
                implements MedicalServe {}

        record Refused(org.uketsuke.eligibility.wire.MedicalXml.Refusal reason, Consent consent, Instant expiredAt,
                String message) implements MedicalServe {}
    }

    /**
     * Serves a category only while the consent recorded with this institution's last confirmation of the person is
     * "yes" and its window is open (by this backend's clock). Emergency viewing without consent (救急時) is not
     * served yet: an emergency query needs a consent like any other.
     */
    private MedicalServe serveMedical(org.uketsuke.eligibility.medical.MedicalQuery query, String institution) {
        var found = population.findByCard(query.card());
        if (found.isEmpty()) {
            return new MedicalServe.Refused(org.uketsuke.eligibility.wire.MedicalXml.Refusal.NOT_FOUND, null, null,
                    "該当する被保険者が存在しません。");
        }
        int person = found.getAsInt();
        var grant = medicalConsents.grant(institution, person, query.category());
        if (grant.isEmpty()) {
            return new MedicalServe.Refused(org.uketsuke.eligibility.wire.MedicalXml.Refusal.NO_CONSENT, Consent.NOT_OBTAINED,
                    null, "同意が取得されていません。");
        }
        Instant now = clock.instant();
        Consent state = grant.get().stateAt(now);
        return switch (state) {
            case YES -> new MedicalServe.Served(history(person).records(query), population.person(person).orElseThrow(),
                    grant.get().expiresAt());
            case EXPIRED -> new MedicalServe.Refused(org.uketsuke.eligibility.wire.MedicalXml.Refusal.CONSENT_EXPIRED,
                    Consent.EXPIRED, grant.get().expiresAt(), "同意の有効期限が切れています。");
            case NO, NOT_OBTAINED -> new MedicalServe.Refused(org.uketsuke.eligibility.wire.MedicalXml.Refusal.NO_CONSENT,
                    state, null, state == Consent.NO ? "閲覧に同意されていません。" : "同意が取得されていません。");
        };
    }

    /** The insurance this person had before a switch (資格の切替), ended the day before the current one began. */
    public java.util.Optional<org.uketsuke.eligibility.InsuranceCardId> endedInsurance(int index) {
        return population.previousInsurance(index).map(Population.PreviousInsurance::card);
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
                revocation.issued(Revocation.Authority.JPKI, entry.certificate());
                if (personIndex != null && !kind.equals("unregistered")) {
                    population.registerForInsuranceUse(card.serial(), clock.instant());
                }
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

    /**
     * @param terminal the client certificate of the TLS session: on the face path the attestation must be signed by
     *     its key
     */
    ResultMessage confirm(QualificationXml.CardRequest parsed, X509Certificate terminal) {
        CardConfirmationRequest request = parsed.request();
        String now = TIME.format(clock.instant());
        String institution = parsed.medicalInstitutionCode();
        String fileId = request.arbitraryFileIdentifier();
        Refusal refusal = checkNonceAndCertificate(request.nonce(), request.authCertificateDer());
        if (refusal != null) {
            return ResultMessage.rejected(now, institution, fileId, refusal.reason(), refusal.message());
        }
        X509Certificate certificate = parse(request.authCertificateDer());
        if (!proofHolds(request, certificate, terminal)) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.SIGNATURE_INVALID, "署名を検証できません。");
        }
        if (request.attestation() instanceof FaceAttestation face) {
            String why = faceAttestationProblem(face, clock.instant());
            if (why != null) {
                return ResultMessage.rejected(now, institution, fileId, RejectionReason.ATTESTATION_INVALID, why);
            }
        }
        if (request.attestation() instanceof VisualAttestation visual) {
            Refusal passcode = usePasscode(visual, terminal);
            if (passcode != null) {
                return ResultMessage.rejected(now, institution, fileId, passcode.reason(), passcode.message());
            }
        }
        String serial = serialOf(certificate);
        var card = population.cardBySerial(serial);
        if (card.isEmpty() || card.get().personId() == null || !population.registeredForInsuranceUse(serial)) {
            return ResultMessage.rejected(now, institution, fileId, RejectionReason.NOT_REGISTERED,
                    "健康保険証としての利用登録がされていません。");
        }
        int person = card.get().personId();
        Qualification held = population.person(person).orElseThrow();
        Refusal notQualified = qualificationRefusal(person, held);
        if (notQualified != null) {
            return ResultMessage.rejected(now, institution, fileId, notQualified.reason(), notQualified.message());
        }
        Qualification qualification = withConsents(held, request.consents())
                .withReferenceNumber(referenceOf(institutionOf(terminal, institution), person));
        // The consents (with their time, so their expiry) and the prescription-form choice, for later viewing.
        medicalConsents.record(institutionOf(terminal, institution), person, request.consents(), request.scenario(),
                request.prescriptionForm(), clock.instant());
        return ResultMessage.confirmed(now, institution, fileId, qualification, null);
    }

    /** 資格喪失, or a qualification that has not started yet on today's date (Japan time). */
    private Refusal qualificationRefusal(int person, Qualification held) {
        if (population.lost(person)) {
            return new Refusal(RejectionReason.QUALIFICATION_LOST, "資格が喪失しています。");
        }
        java.time.LocalDate start = held.qualificationDate();
        if (start != null && start.isAfter(java.time.LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Tokyo")))) {
            return new Refusal(RejectionReason.NO_QUALIFICATION, "資格の開始日（" + start + "）前です。");
        }
        return null;
    }

    /** Why a request is refused, as the answer says it. */
    private record Refusal(RejectionReason reason, String message) {}

    /**
     * The checks every card request passes first, each with its own answer: the nonce known and unused (it is used up
     * now), the certificate signed by the test JPKI CA, within its validity, and not revoked (the register the CRL and
     * the OCSP responder read).
     */
    private Refusal checkNonceAndCertificate(byte[] nonce, byte[] certificateDer) {
        Instant expiry = nonces.remove(Base64.getEncoder().encodeToString(nonce));
        if (expiry == null || expiry.isBefore(clock.instant())) {
            return new Refusal(RejectionReason.NONCE_INVALID, "ナンスが無効です。");
        }
        X509Certificate certificate;
        try {
            certificate = parse(certificateDer);
            certificate.verify(pki.jpkiCa().certificate().getPublicKey());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Refusal(RejectionReason.CERTIFICATE_INVALID, "電子証明書を検証できません。");
        }
        try {
            certificate.checkValidity(java.util.Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            return new Refusal(RejectionReason.CERTIFICATE_EXPIRED, "電子証明書の有効期限が切れています。");
        } catch (CertificateNotYetValidException e) {
            return new Refusal(RejectionReason.CERTIFICATE_INVALID, "電子証明書はまだ有効ではありません。");
        }
        if (revocation.revoked(Revocation.Authority.JPKI, certificate)) {
            return new Refusal(RejectionReason.CERTIFICATE_REVOKED, "電子証明書は失効しています。");
        }
        return null;
    }

    // ---- visual-check passcodes (OQS-IF-049/050) ------------------------------------------------------------------

    private VisualPasscode issuePasscode(String staffId, X509Certificate terminal) {
        Instant now = clock.instant();
        passcodes.values().removeIf(p -> p.expiresAt.plus(Duration.ofHours(1)).isBefore(now));
        String code;
        do {
            code = String.format("%08d", random.nextInt(100_000_000));
        } while (passcodes.containsKey(code));
        Instant expires = now.plus(PASSCODE_LIFETIME);
        passcodes.put(code, new Passcode(staffId, terminal == null ? "" : serialOf(terminal), expires));
        return new VisualPasscode(code, staffId, expires);
    }

    /**
     * A visual confirmation's passcode: issued to this staff member by this terminal, not expired, not used before —
     * then used up.
     */
    private Refusal usePasscode(VisualAttestation visual, X509Certificate terminal) {
        Passcode issued = passcodes.get(visual.passcode());
        String terminalSerial = terminal == null ? "" : serialOf(terminal);
        if (issued == null || !issued.staffId.equals(visual.staffId()) || !issued.terminalSerial.equals(terminalSerial)) {
            return new Refusal(RejectionReason.PASSCODE_INVALID, "目視確認のパスコードが正しくありません。");
        }
        if (!clock.instant().isBefore(issued.expiresAt)) {
            return new Refusal(RejectionReason.PASSCODE_EXPIRED, "目視確認のパスコードの有効期限が切れています。");
        }
        if (!issued.used.compareAndSet(false, true)) {
            return new Refusal(RejectionReason.PASSCODE_USED, "目視確認のパスコードは使用済みです。");
        }
        return null;
    }

    // ---- 保険証利用登録 ---------------------------------------------------------------------------------------------

    RegistrationOutcome registerForInsuranceUse(InsuranceUseRegistration registration) {
        String now = TIME.format(clock.instant());
        Refusal refusal = checkNonceAndCertificate(registration.nonce(), registration.authCertificateDer());
        if (refusal != null) {
            return rejected(refusal.reason(), refusal.message());
        }
        X509Certificate certificate = parse(registration.authCertificateDer());
        try {
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initVerify(certificate.getPublicKey());
            rsa.update(registration.nonce());
            if (!rsa.verify(registration.signature())) {
                return rejected(RejectionReason.SIGNATURE_INVALID, "署名を検証できません。");
            }
        } catch (GeneralSecurityException e) {
            return rejected(RejectionReason.SIGNATURE_INVALID, "署名を検証できません。");
        }
        String serial = serialOf(certificate);
        var card = population.cardBySerial(serial);
        if (card.isEmpty() || card.get().personId() == null) {
            return rejected(RejectionReason.NO_QUALIFICATION, "カードの持ち主の資格情報が見つかりません。");
        }
        if (population.lost(card.get().personId())) {
            return rejected(RejectionReason.QUALIFICATION_LOST, "資格が喪失しています。");
        }
        boolean fresh = population.registerForInsuranceUse(serial, clock.instant());
        return new RegistrationOutcome.Registered(now, !fresh);
    }

    private static RegistrationOutcome.Rejected rejected(RejectionReason reason, String message) {
        return new RegistrationOutcome.Rejected(reason, org.uketsuke.eligibility.wire.ResultCodes.codeOf(reason), message);
    }

    // ---- 照会番号 ----------------------------------------------------------------------------------------------------

    List<RegistrationOutcome> registerReferenceNumbers(String institution, List<ReferenceRegistration> registrations) {
        String now = TIME.format(clock.instant());
        List<RegistrationOutcome> outcomes = new java.util.ArrayList<>(registrations.size());
        for (ReferenceRegistration r : registrations) {
            var found = population.find(r.card(), r.birthdate());
            if (found.isEmpty()) {
                outcomes.add(rejected(RejectionReason.NO_QUALIFICATION, "該当する資格情報が存在しません。"));
                continue;
            }
            var before = population.referenceNumber(institution, found.getAsInt());
            population.registerReferenceNumber(institution, found.getAsInt(), r.referenceNumber().value());
            outcomes.add(new RegistrationOutcome.Registered(now,
                    before.isPresent() && before.get().equals(r.referenceNumber().value())));
        }
        return outcomes;
    }

    private java.util.Optional<ReferenceNumber> referenceOf(String institution, int person) {
        return population.referenceNumber(institution, person).map(ReferenceNumber::new);
    }

    /**
     * The medical institution a request is from: the CN of its terminal certificate (the backend trusts the
     * certificate, not the header), or the header's code when there is no TLS session (in-process calls).
     */
    private static String institutionOf(X509Certificate terminal, String headerCode) {
        if (terminal != null) {
            for (var rdn : new org.bouncycastle.asn1.x500.X500Name(terminal.getSubjectX500Principal().getName())
                    .getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN)) {
                return rdn.getFirst().getValue().toString();
            }
        }
        return headerCode == null ? "" : headerCode;
    }

    private String submitBatch(List<org.uketsuke.eligibility.InsuranceSearch> searches, String institution) {
        String reception = "R" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(6));
        BatchJob job = new BatchJob(searches);
        batches.put(reception, job);
        batchWorker.execute(() -> {
            List<ResultMessage> results = new java.util.ArrayList<>(searches.size());
            for (var search : job.searches) {
                results.add(confirmByInsurance(new QualificationXml.SearchRequest(search, "", search.arbitraryIdentifier()),
                        institution));
                job.done.incrementAndGet();
            }
            job.results = List.copyOf(results);
        });
        return reception;
    }

    ResultMessage confirmByInsurance(QualificationXml.SearchRequest parsed, String institution) {
        String now = TIME.format(clock.instant());
        var search = parsed.search();
        var found = population.find(search.card(), search.birthdate());
        if (found.isEmpty()) {
            if (population.findPrevious(search.card(), search.birthdate()).isPresent()) {
                // 資格の切替: this insurance ended and a newer one exists (QualificationValidity 3).
                ResultMessage ended = ResultMessage.rejected(now, parsed.medicalInstitutionCode(),
                        parsed.arbitraryFileIdentifier(), RejectionReason.QUALIFICATION_LOST,
                        "この資格は喪失しています。新しい資格があります。");
                return new ResultMessage(ended.processExecutionTime(), ended.qualificationConfirmationDate(),
                        ended.medicalInstitutionCode(), ended.arbitraryFileIdentifier(), ended.referenceClassification(),
                        ended.segmentOfResult(), null, null, ended.characterCode(), ended.processingResultStatus(),
                        ended.processingResultCode(), ended.processingResultMessage(), "3", List.of());
            }
            return ResultMessage.rejected(now, parsed.medicalInstitutionCode(), parsed.arbitraryFileIdentifier(),
                    RejectionReason.NO_QUALIFICATION, "該当する資格情報が存在しません。");
        }
        int person = found.getAsInt();
        Qualification held = population.person(person).orElseThrow();
        Refusal notQualified = qualificationRefusal(person, held);
        if (notQualified != null) {
            return ResultMessage.rejected(now, parsed.medicalInstitutionCode(), parsed.arbitraryFileIdentifier(),
                    notQualified.reason(), notQualified.message());
        }
        Consent limit = search.limitConsent() ? Consent.YES : Consent.NO;
        Qualification q = withConsents(held,
                new Consents(Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, limit, limit))
                .withReferenceNumber(referenceOf(institution, person));
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
                case FaceAttestation face -> request.method() == IdentityMethod.FACE;
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

    /** How far a face attestation's time may be from the backend's clock (both ways). */
    static final java.time.Duration ATTESTATION_FRESHNESS = java.time.Duration.ofMinutes(2);

    /**
     * What is wrong with a (correctly signed) face attestation, or null: a match at or above its threshold, the card's
     * presence proven with a proof attached, made within {@link #ATTESTATION_FRESHNESS} of now.
     */
    static String faceAttestationProblem(FaceAttestation face, java.time.Instant now) {
        if (!FaceAttestation.MATCH.equals(face.decision()) || face.score() < face.threshold()) {
            return "顔照合の結果が一致ではありません。";
        }
        byte[] proof = face.presenceProofSha256();
        if (!face.presenceProven() || proof.length != 32 || java.util.Arrays.equals(proof, new byte[32])) {
            return "カードの存在証明がありません。";
        }
        if (java.time.Duration.between(face.attestedAt(), now).abs().compareTo(ATTESTATION_FRESHNESS) > 0) {
            return "顔認証の証明の時刻が古すぎるか未来です。";
        }
        return null;
    }

    /** 限度額 and 特定疾病 information are only returned when the patient consented to them at the reader. */
    static Qualification withConsents(Qualification q, Consents consents) {
        QualificationDetails d = q.details();
        QualificationDetails shown = new QualificationDetails(d.elderly(),
                consents.limitInfo() == Consent.YES ? d.limit() : java.util.Optional.empty(),
                consents.specificDisease() == Consent.YES ? d.specificDiseases() : java.util.List.of(),
                d.publicExpenses());
        return q.withDetails(shown);
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

    /** The HTTP side: the endpoints of docs/backend-api.md, everything else 404. */
    private final class Endpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            served.computeIfAbsent(path, p -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            if (HttpMethod.GET.is(request.getMethod())) {
                return switch (path) {
                    case "/crl/jpki.crl" -> replyCrl(response, callback, Revocation.Authority.JPKI);
                    case "/crl/terminal.crl" -> replyCrl(response, callback, Revocation.Authority.TERMINAL);
                    default -> reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain",
                            "GET only for /crl/jpki.crl and /crl/terminal.crl\n");
                };
            }
            if (!HttpMethod.POST.is(request.getMethod())) {
                return reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain", "POST only\n");
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(path.equals("/oqs/v1/batch/submit") ? 16 * 1024 * 1024 : 64 * 1024);
            } catch (IOException e) {
                return reply(response, callback, 400, "text/plain", "unreadable body\n");
            }
            X509Certificate terminal = peerCertificate(request);
            try {
                switch (path) {
                    case "/oqs/v1/nonce" -> {
                        return reply(response, callback, 200, "text/plain", newNonce());
                    }
                    case "/oqs/v1/confirm/card", "/oqs/v1/confirm/insurance" -> {
                        Fault now = takeFault();
                        if (faulted(now, request, response, callback)) {
                            return true;
                        }
                        ResultMessage result = now instanceof Fault.WrongNonce
                                ? ResultMessage.rejected(TIME.format(clock.instant()), "", "", RejectionReason.NONCE_INVALID,
                                        "ナンスが無効です。")
                                : path.endsWith("/card")
                                        ? confirm(QualificationXml.parseCardRequest(body), terminal)
                                        : confirmByInsurance(QualificationXml.parseSearch(body), institutionOf(terminal, ""));
                        byte[] xml = QualificationXml.write(result);
                        if (now instanceof Fault.Malformed) {
                            xml = java.util.Arrays.copyOf(xml, xml.length / 2);
                        }
                        return replyXml(response, callback, xml);
                    }
                    case "/oqs/v1/registration" -> {
                        return replyXml(response, callback, ServiceXml.writeRegistrationResult(TIME.format(clock.instant()),
                                registerForInsuranceUse(ServiceXml.parseRegistrationRequest(body))));
                    }
                    case "/oqs/v1/visual/passcode" -> {
                        return replyXml(response, callback, ServiceXml.writePasscode(TIME.format(clock.instant()),
                                issuePasscode(ServiceXml.parsePasscodeRequest(body), terminal)));
                    }
                    case "/oqs/v1/reference/register", "/oqs/v1/reference/batch" -> {
                        List<ReferenceRegistration> registrations = ServiceXml.parseReferenceRequest(body);
                        if (path.endsWith("/register") && registrations.size() != 1) {
                            return reply(response, callback, 400, "text/plain",
                                    "malformed request: /oqs/v1/reference/register takes one registration\n");
                        }
                        return replyXml(response, callback, ServiceXml.writeReferenceResults(TIME.format(clock.instant()),
                                registrations, registerReferenceNumbers(institutionOf(terminal, ""), registrations)));
                    }
                    case "/oqs/v1/batch/submit" -> {
                        List<org.uketsuke.eligibility.InsuranceSearch> searches = QualificationXml.parseBatchRequest(body);
                        String reception = submitBatch(searches, institutionOf(terminal, ""));
                        return replyXml(response, callback, QualificationXml.writeBatchStatus(
                                reception, TIME.format(clock.instant()), 0, searches.size(), searches, null));
                    }
                    case "/oqs/v1/batch/status" -> {
                        if (faulted(takeFault(), request, response, callback)) {
                            return true;
                        }
                        String reception = org.uketsuke.eligibility.wire.SafeXml.required(
                                org.uketsuke.eligibility.wire.SafeXml.parse(body), "ReceptionNumber");
                        BatchJob job = batches.get(reception);
                        if (job == null) {
                            return reply(response, callback, 404, "text/plain", "unknown reception number\n");
                        }
                        List<ResultMessage> results = job.results;
                        return replyXml(response, callback, QualificationXml.writeBatchStatus(reception,
                                TIME.format(clock.instant()), job.done.get(), job.searches.size(), job.searches, results));
                    }
                    case "/oqs/v1/medical/records", "/oqs/v1/medical/pdf" -> {
                        if (faulted(takeFault(), request, response, callback)) {
                            return true;
                        }
                        return medical(path.endsWith("/pdf"), body, terminal, response, callback);
                    }
                    case "/ocsp" -> {
                        response.setStatus(200);
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/ocsp-response");
                        response.write(true, ByteBuffer.wrap(revocation.ocsp(body)), callback);
                        return true;
                    }
                    case "/admin/fault" -> {
                        try {
                            injectFault(Fault.parse(new String(body, StandardCharsets.UTF_8)), Integer.MAX_VALUE);
                            return reply(response, callback, 200, "text/plain", "ok\n");
                        } catch (IllegalArgumentException e) {
                            return reply(response, callback, 400, "text/plain", e.getMessage() + "\n");
                        }
                    }
                    default -> {
                        return reply(response, callback, 404, "text/plain", "no such endpoint\n");
                    }
                }
            } catch (MalformedMessageException e) {
                return reply(response, callback, 400, "text/plain", "malformed request: " + e.getMessage() + "\n");
            }
        }

        private boolean medical(boolean pdf, byte[] body, X509Certificate terminal, Response response, Callback callback)
                throws MalformedMessageException {
            var parsed = org.uketsuke.eligibility.wire.MedicalXml.parseRequest(body, null);
            var query = parsed.query();
            String institution = institutionOf(terminal, parsed.medicalInstitutionCode());
            String now = TIME.format(clock.instant());
            var code = org.uketsuke.eligibility.wire.CharacterCode.UTF_8;
            switch (serveMedical(query, institution)) {
                case MedicalServe.Served served -> {
                    if (!pdf) {
                        return replyXml(response, callback, org.uketsuke.eligibility.wire.MedicalXml.writeRecords(now,
                                institution, query.arbitraryFileIdentifier(), served.records(), served.expiresAt(), code));
                    }
                    byte[] document;
                    try {
                        document = pdfRenderer.render(served.records(), served.person(), clock.instant(), served.expiresAt());
                    } catch (IllegalStateException e) {
                        log.error("medical PDF: {}", e.getMessage());
                        return reply(response, callback, 503, "text/plain", e.getMessage() + "\n");
                    }
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/pdf");
                    response.getHeaders().put(org.uketsuke.eligibility.HttpsEligibilityClient.CONSENT_EXPIRATION,
                            TIME.format(served.expiresAt()));
                    response.write(true, ByteBuffer.wrap(document), callback);
                    return true;
                }
                case MedicalServe.Refused refused -> {
                    byte[] xml = org.uketsuke.eligibility.wire.MedicalXml.writeRefusal(now, institution,
                            query.arbitraryFileIdentifier(), query.category(), refused.reason(), refused.consent(),
                            refused.expiredAt(), refused.message(), code);
                    if (!pdf) {
                        return replyXml(response, callback, xml);
                    }
                    response.setStatus(refused.reason() == org.uketsuke.eligibility.wire.MedicalXml.Refusal.NOT_FOUND ? 404 : 403);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml; charset=UTF-8");
                    response.write(true, ByteBuffer.wrap(xml), callback);
                    return true;
                }
            }
        }

        /** Latency waits and lets the answer go on; a status or a reset is the answer (true: already answered). */
        private boolean faulted(Fault now, Request request, Response response, Callback callback) {
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
            return false;
        }

        private boolean replyCrl(Response response, Callback callback, Revocation.Authority authority) {
            try {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/pkix-crl");
                response.write(true, ByteBuffer.wrap(revocation.crl(authority).getEncoded()), callback);
                return true;
            } catch (java.security.cert.CRLException e) {
                throw new IllegalStateException(e);
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
        medicalConsents.close();
    }
}
