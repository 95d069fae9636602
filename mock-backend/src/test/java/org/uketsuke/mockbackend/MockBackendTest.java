package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TerminalSigner;
import org.uketsuke.eligibility.client.TlsMaterial;

/** The backend over real HTTPS with mutual TLS, through the production client, with real RSA signatures. */
class MockBackendTest {

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 7L, 40));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static CardConfirmationRequest signedRequest(IssuedCard card) throws Exception {
        byte[] nonce = TestCards.nonce(client);
        return new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                TestCards.signStatement(card.authKey(), client, nonce),
                IdentityMethod.PIN,
                Consents.none(),
                "test-" + System.nanoTime());
    }

    /** What the card does: PKCS#1 v1.5 over the SHA-256 DigestInfo of the nonce. */
    private static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(data);
        return rsa.sign();
    }

    @Test
    void aRegisteredCardWithAValidSignatureIsConfirmedWithThePersonsInsurance() throws Exception {
        IssuedCard card = backend.issueCard(3);
        ConfirmationOutcome outcome = client.confirmByCard(signedRequest(card));
        assertThat(outcome).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        assertThat(((ConfirmationOutcome.Confirmed) outcome).qualification().withParticulars(ResultParticulars.none()))
                .isEqualTo(Confirmations.withConsents(card.expected(), Consents.none()));
    }

    @Test
    void limitAndSpecificDiseaseInformationNeedsTheConsent() throws Exception {
        IssuedCard card = backend.issueCard(22); // 22 % 5 == 2 and 22 % 17 == 5: 限度額 and dialysis
        assertThat(card.expected().details().limit()).isPresent();
        assertThat(card.expected().details().limit().orElseThrow().certificateDate())
                .isNotNull();
        assertThat(card.expected().details().specificDiseases().getFirst().certificateDate())
                .isNotNull();
        assertThat(card.expected().details().specificDiseases()).isNotEmpty();
        ConfirmationOutcome without = client.confirmByCard(signedRequest(card));
        assertThat(((ConfirmationOutcome.Confirmed) without)
                        .qualification()
                        .details()
                        .limit())
                .isEmpty();
        assertThat(((ConfirmationOutcome.Confirmed) without)
                        .qualification()
                        .details()
                        .specificDiseases())
                .isEmpty();

        ConfirmationOutcome with = client.confirmByCard(consentingToAll(card, "consented"));
        assertThat(((ConfirmationOutcome.Confirmed) with).qualification().withParticulars(ResultParticulars.none()))
                .isEqualTo(card.expected());
    }

    @Test
    void aCertificateInItsGraceConfirmsTheQualificationWithoutMedicalInformation() throws Exception {
        ConfirmationOutcome outcome =
                client.confirmByCard(consentingToAll(backend.issueRecentlyExpiredCard(14), "grace"));
        assertThat(outcome).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        ConfirmationOutcome.Confirmed confirmed = (ConfirmationOutcome.Confirmed) outcome;
        assertThat(confirmed.notice()).contains("有効期限が切れています");
        assertThat(confirmed.qualification().particulars().consent(ConsentKind.PHARMACEUTICAL))
                .hasValueSatisfying(c -> assertThat(c.flag()).isEqualTo(Consent.NOT_OBTAINED));
        assertThat(confirmed.qualification().particulars().consent(ConsentKind.LIMIT_APPLICATION))
                .hasValueSatisfying(c -> assertThat(c.flag()).isEqualTo(Consent.YES));

        ConfirmationOutcome soon = client.confirmByCard(signedRequest(backend.issueExpiringCard(15)));
        assertThat(((ConfirmationOutcome.Confirmed) soon).notice()).contains("有効期限が近づいています");
    }

    @Test
    void aVisualCheckIsAcceptedWhenTheTerminalSignsItForThisCard() throws Exception {
        IssuedCard card = backend.issueCard(13);
        byte[] certHash = MessageDigest.getInstance("SHA-256").digest(card.authCertDer());
        byte[] nonce = TestCards.nonce(client);
        VisualAttestation visual = new VisualAttestation(
                nonce, certHash, TestCards.statement(client, nonce), TestCards.passcode(client, "staff-07"));
        assertThat(client.confirmByCard(new CardConfirmationRequest(
                        card.authCertDer(),
                        nonce,
                        TerminalSigner.sign(backend.terminalTls(), visual.bytes()),
                        IdentityMethod.VISUAL,
                        Consents.none(),
                        "visual",
                        visual)))
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);

        byte[] nonce2 = TestCards.nonce(client);
        VisualAttestation asFace = new VisualAttestation(
                nonce2, certHash, TestCards.statement(client, nonce2), TestCards.passcode(client, "staff-07"));
        assertThat(reason(client.confirmByCard(new CardConfirmationRequest(
                        card.authCertDer(),
                        nonce2,
                        TerminalSigner.sign(backend.terminalTls(), asFace.bytes()),
                        IdentityMethod.FACE,
                        Consents.none(),
                        "mixed",
                        asFace))))
                .as("a visual check does not pass as a face match")
                .isEqualTo(RejectionReason.SIGNATURE_INVALID);
    }

    @Test
    void theSameCardIsIssuedOnEveryCall() {
        assertThat(backend.issueCard(5).authCertDer())
                .isEqualTo(backend.issueCard(5).authCertDer());
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        IssuedCard card = backend.issueCard(1);
        IssuedCard other = backend.issueCard(2);
        byte[] nonce = TestCards.nonce(client);
        ConfirmationOutcome outcome = client.confirmByCard(new CardConfirmationRequest(
                card.authCertDer(), nonce, sign(other.authKey(), nonce), IdentityMethod.PIN, Consents.none(), "x"));
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.SIGNATURE_INVALID));
    }

    @Test
    void aNonceWorksOnlyOnce() throws Exception {
        IssuedCard card = backend.issueCard(4);
        CardConfirmationRequest request = signedRequest(card);
        assertThat(client.confirmByCard(request)).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        assertThat(client.confirmByCard(request))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.NONCE_INVALID));
    }

    @Test
    void revokedExpiredAndUnregisteredCardsGetTheirReason() throws Exception {
        IssuedCard revoked = backend.issueCard(6);
        backend.revoke(revoked);
        assertThat(reason(client.confirmByCard(signedRequest(revoked)))).isEqualTo(RejectionReason.CERTIFICATE_REVOKED);
        assertThat(reason(client.confirmByCard(signedRequest(backend.issueExpiredCard(7)))))
                .isEqualTo(RejectionReason.CERTIFICATE_EXPIRED);
        assertThat(reason(client.confirmByCard(signedRequest(backend.issueUnregisteredCard()))))
                .isEqualTo(RejectionReason.NOT_REGISTERED);
        backend.loseQualification(8);
        assertThat(reason(client.confirmByCard(signedRequest(backend.issueCard(8)))))
                .isEqualTo(RejectionReason.QUALIFICATION_LOST);
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        Path otherState = state.resolve("other");
        try (MockBackend other = MockBackend.start(new MockBackendConfig(otherState, 0, 7L, 5))) {
            IssuedCard foreign = other.issueCard(0);
            assertThat(reason(client.confirmByCard(signedRequest(foreign))))
                    .isEqualTo(RejectionReason.CERTIFICATE_INVALID);
        }
    }

    @Test
    void aTerminalWithoutAClientCertificateIsRefusedInTheHandshake() {
        HttpsEligibilityClient anonymous =
                new HttpsEligibilityClient(backend.baseUri(), backend.anonymousTls(), Duration.ofSeconds(5));
        assertThat(anonymous.nonce())
                .isInstanceOfSatisfying(
                        Unavailable.class,
                        u -> assertThat(u.reason()).as(u.diagnostic()).isEqualTo(UnavailableReason.TLS_FAILURE));
    }

    @Test
    void aTerminalCertificateOfAnotherTerminalCaIsRefusedInTheHandshake() throws Exception {
        TlsMaterial foreignTerminal;
        try (MockBackend other = MockBackend.start(new MockBackendConfig(state.resolve("other"), 0, 7L, 5))) {
            foreignTerminal = other.terminalTls();
        }
        TlsMaterial mixed = new TlsMaterial(
                foreignTerminal.keyStore(),
                foreignTerminal.keyPassword(),
                backend.terminalTls().trustStore());
        HttpsEligibilityClient stranger = new HttpsEligibilityClient(backend.baseUri(), mixed, Duration.ofSeconds(5));
        assertThat(stranger.nonce())
                .isInstanceOfSatisfying(
                        Unavailable.class,
                        u -> assertThat(u.reason()).as(u.diagnostic()).isEqualTo(UnavailableReason.TLS_FAILURE));
    }

    @Test
    void theStateDirectoryKeepsTheKeysAndTheTerminalChainsToItsOwnCa() throws Exception {
        assertThat(state.resolve("pki"))
                .isDirectoryContaining("glob:**/jpki-test-ca.p12")
                .isDirectoryContaining("glob:**/tls-ca.p12")
                .isDirectoryContaining("glob:**/terminal-ca.p12")
                .isDirectoryContaining("glob:**/server.p12")
                .isDirectoryContaining("glob:**/terminal.p12");
        TlsMaterial tls = backend.terminalTls();
        String alias = Collections.list(tls.keyStore().aliases()).getFirst();
        var chain = tls.keyStore().getCertificateChain(alias);
        var terminal = (X509Certificate) chain[0];
        var terminalCa = (X509Certificate) chain[1];
        terminal.verify(terminalCa.getPublicKey());
        assertThat(Collections.list(tls.trustStore().aliases()))
                .extracting(a -> ((X509Certificate) tls.trustStore().getCertificate(a))
                        .getSubjectX500Principal()
                        .getName())
                .as("the terminal trusts the server CA, not its own")
                .doesNotContain(terminalCa.getSubjectX500Principal().getName());
        var card = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(backend.issueCard(0).authCertDer()));
        assertThat(card.getIssuerX500Principal().getName())
                .isEqualTo(
                        "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI-TEST,C=JP");
        assertThat(card.getSubjectX500Principal().getName()).matches("CN=[0-9A-F]{16},C=JP");
        assertThat(card.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((RSAPublicKey) card.getPublicKey()).getModulus().bitLength())
                .isEqualTo(2048);
    }

    @Test
    void aDownBackendIsUnreachableNotAnException() {
        HttpsEligibilityClient nowhere = new HttpsEligibilityClient(
                URI.create("https://127.0.0.1:1/"), backend.terminalTls(), Duration.ofSeconds(2));
        ConfirmationOutcome outcome = nowhere.confirmByCard(new CardConfirmationRequest(
                new byte[1], new byte[32], new byte[256], IdentityMethod.PIN, Consents.none(), "x"));
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.UNREACHABLE));
    }

    @Test
    void thePopulationIsDeterministicAndEveryInsurerNumberPassesItsCheckDigit() {
        Path again = state.resolve("again");
        Set<String> insurerKinds = new TreeSet<>();
        try (MockBackend twin = MockBackend.start(new MockBackendConfig(again, 0, 7L, 40))) {
            assertThat(twin.people()).isEqualTo(40);
            for (int i = 0; i < 40; i++) {
                var mine = backend.person(i);
                assertThat(twin.person(i)).isEqualTo(mine);
                assertThat(CheckDigit.valid(mine.card().insurer().value())).isTrue();
                insurerKinds.add(
                        mine.card().insurer().nationalHealthInsurance()
                                ? "国保"
                                : mine.card().insurer().lawCode());
                int age = Period.between(mine.birthdate(), PopulationGenerator.REFERENCE_DATE)
                        .getYears();
                if (age >= 75) {
                    assertThat(mine.card().insurer().lawCode()).isEqualTo("39");
                    assertThat(mine.card().symbol()).as("後期高齢 has no 記号").isEmpty();
                    assertThat(mine.contributionRatio().percent()).isIn(10, 20, 30);
                } else if (age >= 70) {
                    assertThat(mine.contributionRatio().percent()).isEqualTo(20);
                } else if (age >= 6) {
                    assertThat(mine.contributionRatio().percent()).isEqualTo(30);
                }
                assertThat(mine.nameKana()).matches("[\\uFF61-\\uFF9F ]+");
            }
        }
        assertThat(insurerKinds).contains("01", "06", "39", "国保").containsAnyOf("31", "32", "33", "34");
    }

    @Test
    void theSignatureIsOverTheSha256OfTheStatementAsTheCardMakesIt() throws Exception {
        // The card receives DigestInfo(SHA-256(statement)) and pads it itself: identical to SHA256withRSA.
        IssuedCard card = backend.issueCard(9);
        byte[] nonce = TestCards.nonce(client);
        byte[] prefix = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
        byte[] digestInfo = Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(TestCards.statement(client, nonce), 0, digestInfo, prefix.length, 32);
        Signature raw = Signature.getInstance("NONEwithRSA");
        raw.initSign(card.authKey());
        raw.update(digestInfo);
        ConfirmationOutcome outcome = client.confirmByCard(new CardConfirmationRequest(
                card.authCertDer(), nonce, raw.sign(), IdentityMethod.PIN, Consents.none(), "raw"));
        assertThat(outcome).isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void aMalformedRequestIsAnswered400WithTheReason() throws Exception {
        HttpResponse<String> answer = post("oqs/v1/confirm/card", "<XmlMsg><MessageBody/></XmlMsg>");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("malformed request").contains("CardConfirmation");
        assertThat(post("oqs/v1/confirm/card", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><x>&e;</x>")
                        .statusCode())
                .as("a DTD is refused, never resolved")
                .isEqualTo(400);
    }

    @Test
    void aNonceExpiresSixtySecondsAfterItWasHandedOut() throws Exception {
        MovingClock clock = new MovingClock();
        try (MockBackend timed = MockBackend.start(new MockBackendConfig(state, 0, 7L, 40), clock)) {
            HttpsEligibilityClient timedClient =
                    new HttpsEligibilityClient(timed.baseUri(), timed.terminalTls(), Duration.ofSeconds(10));
            IssuedCard card = timed.issueCard(10);
            byte[] inTime = TestCards.nonce(timedClient);
            byte[] late = TestCards.nonce(timedClient);
            clock.now = clock.now.plusSeconds(59);
            assertThat(timedClient.confirmByCard(new CardConfirmationRequest(
                            card.authCertDer(),
                            inTime,
                            TestCards.signStatement(card.authKey(), timedClient, inTime),
                            IdentityMethod.PIN,
                            Consents.none(),
                            "in-time")))
                    .isInstanceOf(ConfirmationOutcome.Confirmed.class);
            clock.now = clock.now.plusSeconds(2);
            assertThat(reason(timedClient.confirmByCard(new CardConfirmationRequest(
                            card.authCertDer(),
                            late,
                            TestCards.signStatement(card.authKey(), timedClient, late),
                            IdentityMethod.PIN,
                            Consents.none(),
                            "late"))))
                    .isEqualTo(RejectionReason.NONCE_INVALID);
        }
    }

    /** A clock the test moves by hand. */
    private static final class MovingClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A plain HTTPS POST with the terminal's certificate, beside the production client, to send what it never would. */
    private static HttpResponse<String> post(String path, String body) throws Exception {
        TlsMaterial tls = backend.terminalTls();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(tls.keyStore(), tls.keyPassword());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(tls.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        try (HttpClient http = HttpClient.newBuilder().sslContext(context).build()) {
            return http.send(
                    HttpRequest.newBuilder(backend.baseUri().resolve(path))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A PIN confirmation of this card in which the patient consented to everything. */
    private static CardConfirmationRequest consentingToAll(IssuedCard card, String fileId) throws Exception {
        byte[] nonce = TestCards.nonce(client);
        Consents yes = Consents.all(Consent.YES);
        return new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                TestCards.signStatement(card.authKey(), client, nonce, yes, null),
                IdentityMethod.PIN,
                yes,
                fileId);
    }

    private static RejectionReason reason(ConfirmationOutcome outcome) {
        assertThat(outcome).isInstanceOf(ConfirmationOutcome.Rejected.class);
        return ((ConfirmationOutcome.Rejected) outcome).reason();
    }
}
