package org.uketsuke.mockbackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.eligibility.CardFace;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.eligibility.medical.ConsentPolicy;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalRecords;

/**
 * The embedded stand-in for the national qualification system: HTTPS on 127.0.0.1 with mandatory client
 * certificates (terminals issued by its terminal CA; anything else is refused in the handshake), a test JPKI CA for
 * the virtual cards, and a generated population in SQLite. Its endpoints ({@link Endpoints}, listed in
 * docs/backend-api.md) are answered by small services: {@link Confirmations}, {@link InsuranceUseRegistrations},
 * {@link VisualPasscodes}, {@link ReferenceNumbers}, {@link BatchInquiries}, {@link MedicalInformation} and
 * {@link Revocation} (CRLs and OCSP).
 *
 * <p>This class assembles them and hands out what a terminal needs (TLS material, virtual cards); what tests and the
 * demo do from outside the protocol is {@link #control()} (its methods are repeated here for the existing callers).
 */
public final class MockBackend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MockBackend.class);

    private final TestPki pki;
    private final PopulationStore population;
    private final MedicalConsents consents;
    private final BatchInquiries batches;
    private final CardIssuer issuer;
    private final BackendServer server;
    private final BackendControl control;
    private final Revocation revocation;

    private MockBackend(MockBackendConfig config, Clock clock, boolean serveNow) throws Exception {
        Files.createDirectories(config.stateDir());
        pki = TestPki.open(config.stateDir().resolve("pki"));
        population = PopulationStore.open(config.stateDir().resolve("population.db"), config.seed(), config.people());
        consents =
                new MedicalConsents(ConsentPolicy.defaults(), config.stateDir().resolve("consents.db"));
        revocation = new Revocation(pki, population, clock);
        revocation.issued(Revocation.Authority.TERMINAL, pki.terminal().certificate());
        revocation.issued(Revocation.Authority.SERVER_TLS, pki.server().certificate());
        issuer = new CardIssuer(pki, population, revocation, clock);

        CardChecks checks = new CardChecks(pki, revocation, clock);
        VisualPasscodes passcodes = new VisualPasscodes(clock);
        ReferenceNumbers references = new ReferenceNumbers(population, clock);
        Confirmations confirmations = new Confirmations(
                checks,
                passcodes,
                references,
                population,
                consents,
                pki.cardFaceIssuer().certificate().getPublicKey(),
                FacePolicy.configured(),
                clock);
        batches = new BatchInquiries(confirmations, new BulkSelections(population, consents));
        MedicalInformation medical = new MedicalInformation(population, consents, config.seed(), clock);
        BackendTls tls = new BackendTls(pki, revocation, clock, config.expiredServerCertificate());
        FaultInjector faults = new FaultInjector(tls);
        Endpoints endpoints = new Endpoints(
                        checks,
                        confirmations,
                        new InsuranceUseRegistrations(checks, population, clock, confirmations),
                        passcodes,
                        references,
                        batches,
                        medical,
                        revocation,
                        faults,
                        clock)
                .withAuditAnchors(new AuditAnchorStore(config.stateDir().resolve("audit-anchors.txt")));
        server = new BackendServer(tls, config.port(), endpoints.routes(), serveNow);
        control = new BackendControl(faults, server, population, consents, medical, clock, endpoints.sentResults());
        log.info("mock backend on {} ({} people)", server.baseUri(), population.size());
    }

    /** Starts the backend; the first start in a state directory makes the test PKI and the population. */
    public static MockBackend start(MockBackendConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static MockBackend start(MockBackendConfig config, Clock clock) {
        return start(config, clock, true);
    }

    /**
     * Everything of {@link #start(MockBackendConfig)} but the HTTPS server's start: the port is bound (so
     * {@link #baseUri()} is known and the cards and TLS material are ready), requests wait in the listen backlog until
     * {@link #serve()}. The demo serves beside its windows' start instead of before it (cold start, docs/tuning.md).
     */
    public static MockBackend startServingLater(MockBackendConfig config) {
        return start(config, Clock.systemUTC(), false);
    }

    /** Starts answering the requests of a {@link #startServingLater} backend, the waiting ones first. */
    public void serve() {
        try {
            server.serve();
        } catch (Exception e) {
            throw new IllegalStateException("the mock backend did not start: " + e.getMessage(), e);
        }
    }

    private static MockBackend start(MockBackendConfig config, Clock clock, boolean serveNow) {
        try {
            return new MockBackend(config, clock, serveNow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the mock backend did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The first {@code count} people a backend with this seed generates, without starting one: what a scan of logs
     * for personal values looks for.
     */
    public static List<Qualification> population(long seed, int count) {
        return PopulationGenerator.people(seed, count).stream()
                .map(PopulationGenerator.GeneratedPerson::qualification)
                .toList();
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** Fault injection, clock, request counts and population access, for tests and the demo. */
    public BackendControl control() {
        return control;
    }

    /** The TLS identity of a terminal (medical institution) and trust in this server, for clients. */
    public TlsMaterial terminalTls() {
        return new TlsMaterial(pki.terminalKeyStore(), TestPki.PASSWORD, pki.tlsTrustStore());
    }

    /** TLS trust in this server only, with no client certificate: for tests that must be refused. */
    public TlsMaterial anonymousTls() {
        try {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            return new TlsMaterial(empty, new char[0], pki.tlsTrustStore());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The card of a person (issued once, then the same card on every call and every run on this state). */
    public IssuedCard issueCard(int personIndex) {
        return issuer.card(personIndex);
    }

    /** A card of that person whose auth certificate expired longer ago than the three months' grace. */
    public IssuedCard issueExpiredCard(int personIndex) {
        return issuer.expiredCard(personIndex);
    }

    /** A card of that person whose auth certificate expired 30 days ago (within the grace: qualification only). */
    public IssuedCard issueRecentlyExpiredCard(int personIndex) {
        return issuer.recentlyExpiredCard(personIndex);
    }

    /** A card of that person whose auth certificate expires in 30 days (the result tells the patient to renew). */
    public IssuedCard issueExpiringCard(int personIndex) {
        return issuer.expiringCard(personIndex);
    }

    /** A genuine card linked to nobody: the holder never did 保険証利用登録. */
    public IssuedCard issueUnregisteredCard() {
        return issuer.unregisteredCard();
    }

    /** A card of that person whose holder has not done 保険証利用登録 yet: "not registered" until they do. */
    public IssuedCard issueUnregisteredCard(int personIndex) {
        return issuer.unregisteredCard(personIndex);
    }

    /**
     * DF28 for a virtual card's face: the test card-face issuer's signature over {@link CardFace#signedBytes} of these
     * values (the photo by its SHA-256), as personalisation would write it.
     */
    public byte[] signCardFace(String birthDate, String sex, byte[] publicKeyDer, byte[] photo, String expiry) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(pki.cardFaceIssuer().key());
            rsa.update(CardFace.signedBytes(
                    birthDate,
                    sex,
                    publicKeyDer,
                    MessageDigest.getInstance("SHA-256").digest(photo),
                    expiry));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test card-face issuer's certificate: what a terminal trusts for DF28 against this backend. */
    public X509Certificate cardFaceIssuerCertificate() {
        return pki.cardFaceIssuer().certificate();
    }

    /** Revokes a card's auth certificate (lost card): CRL and OCSP list it, confirmations refuse it. */
    public void revoke(IssuedCard card) {
        issuer.revoke(card);
    }

    /**
     * A further terminal (another medical institution) with a fresh certificate of the terminal CA, and trust in this
     * server.
     */
    public TlsMaterial issueTerminal(String institutionCode) {
        return issuer.terminal(institutionCode);
    }

    /** A terminal whose certificate of the terminal CA expired yesterday: its handshakes are refused. */
    public TlsMaterial issueExpiredTerminal(String institutionCode) {
        return issuer.expiredTerminal(institutionCode);
    }

    /** Revokes a terminal's certificate: its next TLS handshake is refused (the terminal CA's CRL lists it). */
    public void revokeTerminal(TlsMaterial terminal) {
        issuer.revokeTerminal(terminal);
    }

    /** Where the server TLS CA's CRL is served (what a terminal configures as its server CRL source). */
    public URI serverCrlUri() {
        return baseUri().resolve("/crl/tls.crl");
    }

    /** Revokes the backend's own server certificate (key compromise): the server CA's CRL lists it from now on. */
    public void revokeServerCertificate() {
        revocation.revoke(Revocation.Authority.SERVER_TLS, pki.server().certificate(), CardIssuer.KEY_COMPROMISE);
    }

    /** The test JPKI CA's certificate (what a CRL or an OCSP answer about cards verifies against). */
    public X509Certificate jpkiCaCertificate() {
        return pki.jpkiCa().certificate();
    }

    /** The terminal CA's certificate. */
    public X509Certificate terminalCaCertificate() {
        return pki.terminalCa().certificate();
    }

    /** See {@link BackendControl#requests}. */
    public int requests(String path) {
        return control.requests(path);
    }

    /** See {@link BackendControl#injectFault}. */
    public void injectFault(Fault fault, int times) {
        control.injectFault(fault, times);
    }

    /** See {@link BackendControl#loseQualification}. */
    public void loseQualification(int personIndex) {
        control.loseQualification(personIndex);
    }

    /** See {@link BackendControl#people}. */
    public int people() {
        return control.people();
    }

    /** See {@link BackendControl#person}. */
    public Qualification person(int index) {
        return control.person(index);
    }

    /** See {@link BackendControl#prescriptionForm}. */
    public Optional<PrescriptionForm> prescriptionForm(String institution, int personIndex) {
        return control.prescriptionForm(institution, personIndex);
    }

    /** See {@link BackendControl#lastPrescriptionForm}. */
    public Optional<PrescriptionForm> lastPrescriptionForm(int personIndex) {
        return control.lastPrescriptionForm(personIndex);
    }

    /** See {@link BackendControl#medicalHistory}. */
    public MedicalRecords medicalHistory(int personIndex, MedicalCategory category) {
        return control.medicalHistory(personIndex, category);
    }

    /** See {@link BackendControl#endedInsurance}. */
    public Optional<InsuranceCardId> endedInsurance(int index) {
        return control.endedInsurance(index);
    }

    @Override
    public void close() {
        batches.close();
        try {
            server.close();
        } catch (Exception e) {
            log.warn("stopping the mock backend", e);
        }
        population.close();
        consents.close();
    }
}
