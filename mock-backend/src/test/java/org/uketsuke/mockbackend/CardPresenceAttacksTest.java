package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uketsuke.mockbackend.TestCards.reason;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.CardFace;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.FaceAttestation;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TerminalSigner;

/**
 * The attacks on the PIN-less face path (issue #25), replayed through the production client against the backend over
 * mutual TLS: each must be refused with its own reason, whatever the terminal claims. The terminal's key is the
 * genuine one throughout — these are the attacks a terminal key alone, or a programmable or relayed card, would allow.
 */
class CardPresenceAttacksTest {

    private static final String EXPIRY = "20351231";
    private static final String CHECKS = "FROZEN_FRAME,REPLAY_CEILING";

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 11L, 40));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    /** A chip as the attacker or the issuer made it: its card-face AP key and the card face it presents. */
    private record Chip(KeyPair key, CardFace face) {}

    /** The genuine chip of this person's card: the test issuer signed its card face. */
    private static Chip genuine(Qualification person, String photo) throws Exception {
        KeyPair key = rsa2048();
        String birth = DateTimeFormatter.BASIC_ISO_DATE.format(person.birthdate());
        String sex = person.sex().code();
        byte[] photoBytes = photo.getBytes(StandardCharsets.US_ASCII);
        byte[] df28 = backend.signCardFace(birth, sex, key.getPublic().getEncoded(), photoBytes, EXPIRY);
        return new Chip(key, CardFace.of(birth, sex, key.getPublic().getEncoded(), photoBytes, EXPIRY, df28));
    }

    /** A chip whose card face is signed by {@code issuer} (an attacker's own key), with these values. */
    private static Chip signedBy(PrivateKey issuer, Qualification claimed, String photo) throws Exception {
        KeyPair key = rsa2048();
        String birth = DateTimeFormatter.BASIC_ISO_DATE.format(claimed.birthdate());
        byte[] photoHash = MessageDigest.getInstance("SHA-256").digest(photo.getBytes(StandardCharsets.US_ASCII));
        byte[] signed = CardFace.signedBytes(
                birth, claimed.sex().code(), key.getPublic().getEncoded(), photoHash, EXPIRY);
        return new Chip(
                key,
                new CardFace(
                        birth,
                        claimed.sex().code(),
                        key.getPublic().getEncoded(),
                        photoHash,
                        EXPIRY,
                        TestCards.sign(issuer, signed)));
    }

    /** What the terminal would send: the chip signs the statement, the terminal attests a match of this card face. */
    private static Attempt attempt(Chip chip, IssuedCard certificateOf) throws Exception {
        return new Attempt(chip, certificateOf, TestCards.nonce(client));
    }

    private record Attempt(
            Chip chip,
            IssuedCard certificateOf,
            byte[] nonce,
            Consents signedConsents,
            double score,
            double threshold,
            int frames,
            String checks,
            Instant at) {

        Attempt(Chip chip, IssuedCard certificateOf, byte[] nonce) {
            this(chip, certificateOf, nonce, Consents.none(), 0.82, 0.40, 2, CHECKS, Instant.now());
        }

        Attempt scored(double s, double t, int f, String c) {
            return new Attempt(chip, certificateOf, nonce, signedConsents, s, t, f, c, at);
        }

        Attempt signing(Consents consents) {
            return new Attempt(chip, certificateOf, nonce, consents, score, threshold, frames, checks, at);
        }

        Attempt at(Instant when) {
            return new Attempt(chip, certificateOf, nonce, signedConsents, score, threshold, frames, checks, when);
        }

        byte[] statement() {
            return TestCards.statement(client, nonce, signedConsents);
        }

        FaceAttestation attestation() throws Exception {
            return new FaceAttestation(
                    nonce,
                    TestCards.sha256(certificateOf.authCertDer()),
                    chip.face().sha256(),
                    statement(),
                    score,
                    threshold,
                    frames,
                    checks,
                    "test-model@1",
                    FaceAttestation.MATCH,
                    at);
        }

        /** The chip's own signature over the statement: PKCS#1 v1.5 over its SHA-256 DigestInfo. */
        byte[] chipSignature() throws Exception {
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(chip.key().getPrivate());
            rsa.update(HexFormat.of().parseHex("3031300d060960864801650304020105000420"));
            rsa.update(statement());
            return rsa.sign();
        }

        CardConfirmationRequest request() throws Exception {
            return request(attestation(), chipSignature());
        }

        CardConfirmationRequest request(FaceAttestation attestation, byte[] chipSignature) {
            return new CardConfirmationRequest(
                            certificateOf.authCertDer(),
                            nonce,
                            TerminalSigner.sign(backend.terminalTls(), attestation.bytes()),
                            IdentityMethod.FACE,
                            signedConsents,
                            "face",
                            attestation)
                    .withCardFace(chip.face(), chipSignature);
        }
    }

    private static RejectionReason refusal(CardConfirmationRequest request) {
        return reason(client.confirmByCard(request));
    }

    @Test
    void theGenuineCardOfThePersonOfTheCertificateIsConfirmed() throws Exception {
        IssuedCard card = backend.issueCard(1);
        assertThat(client.confirmByCard(
                        attempt(genuine(card.expected(), "photo-1"), card).request()))
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void aMadeUpPresenceProofIsRefused() throws Exception {
        IssuedCard card = backend.issueCard(2);
        Attempt attempt = attempt(genuine(card.expected(), "photo-2"), card);
        byte[] madeUp = new byte[256];
        Arrays.fill(madeUp, (byte) 0x5A);
        assertThat(refusal(attempt.request(attempt.attestation(), madeUp)))
                .isEqualTo(RejectionReason.CARD_FACE_INVALID);

        Attempt noCardFace = attempt(genuine(card.expected(), "photo-2"), card);
        CardConfirmationRequest bare = noCardFace.request().withCardFace(null, new byte[0]);
        assertThat(refusal(bare)).as("no card face at all").isEqualTo(RejectionReason.CARD_FACE_INVALID);
    }

    @Test
    void aScoreThresholdFramesOrChecksThePolicyDoesNotAllowAreRefused() throws Exception {
        IssuedCard card = backend.issueCard(3);
        Chip chip = genuine(card.expected(), "photo-3");
        assertThat(refusal(attempt(chip, card).scored(0.01, 0.0, 2, CHECKS).request()))
                .as("0.01 against the terminal's own threshold of 0.0")
                .isEqualTo(RejectionReason.BELOW_POLICY);
        assertThat(refusal(attempt(chip, card).scored(0.42, 0.40, 2, CHECKS).request()))
                .as("0.42: ArcFace's 0.40 passed it, dlib's 1 − distance needs 0.45 (ADR 0011)")
                .isEqualTo(RejectionReason.BELOW_POLICY);
        assertThat(refusal(attempt(chip, card).scored(0.9, 0.4, 1, CHECKS).request()))
                .as("one matching frame")
                .isEqualTo(RejectionReason.BELOW_POLICY);
        assertThat(refusal(
                        attempt(chip, card).scored(0.9, 0.4, 2, "FROZEN_FRAME").request()))
                .as("the replay check off")
                .isEqualTo(RejectionReason.BELOW_POLICY);
        assertThat(refusal(attempt(chip, card).scored(0.9, 0.4, 2, "-").request()))
                .as("no presentation-attack check")
                .isEqualTo(RejectionReason.BELOW_POLICY);
    }

    @Test
    void aProgrammableCardWithTheVictimsCertificateAndTheAttackersPhotoAndKeyIsRefused() throws Exception {
        IssuedCard victim = backend.issueCard(4);
        KeyPair attackersIssuer = rsa2048();
        // The attacker writes the victim's birth date and sex, his own photo and key, and signs it himself.
        Chip programmed = signedBy(attackersIssuer.getPrivate(), victim.expected(), "attacker-photo");
        assertThat(refusal(attempt(programmed, victim).request())).isEqualTo(RejectionReason.CARD_FACE_INVALID);
    }

    @Test
    void aCardFaceWithABrokenIssuerSignatureOrFromAnotherIssuerIsRefused() throws Exception {
        IssuedCard card = backend.issueCard(5);
        Chip genuine = genuine(card.expected(), "photo-5");
        byte[] broken = genuine.face().issuerSignature();
        broken[10] ^= 0x01;
        CardFace face = genuine.face();
        Chip flipped = new Chip(
                genuine.key(),
                new CardFace(
                        face.birthDate(), face.sex(), face.publicKey(), face.photoSha256(), face.expiry(), broken));
        assertThat(refusal(attempt(flipped, card).request())).isEqualTo(RejectionReason.CARD_FACE_INVALID);

        byte[] otherPhoto =
                MessageDigest.getInstance("SHA-256").digest("attacker-photo".getBytes(StandardCharsets.US_ASCII));
        Chip photoSwapped = new Chip(
                genuine.key(),
                new CardFace(
                        face.birthDate(),
                        face.sex(),
                        face.publicKey(),
                        otherPhoto,
                        face.expiry(),
                        face.issuerSignature()));
        assertThat(refusal(attempt(photoSwapped, card).request()))
                .as("another photo under the genuine signature")
                .isEqualTo(RejectionReason.CARD_FACE_INVALID);

        Chip otherIssuer = signedBy(rsa2048().getPrivate(), card.expected(), "photo-5");
        assertThat(refusal(attempt(otherIssuer, card).request())).isEqualTo(RejectionReason.CARD_FACE_INVALID);
    }

    @Test
    void aRelayOfTheAttackersGenuineCardFaceWithTheVictimsCertificateIsRefused() throws Exception {
        IssuedCard victim = backend.issueCard(6);
        Qualification attacker = otherPerson(victim.expected());
        // The card-face AP answers from the attacker's own genuine card; the JPKI AP gives the victim's certificate.
        Chip attackersCard = genuine(attacker, "attacker-photo");
        assertThat(refusal(attempt(attackersCard, victim).request())).isEqualTo(RejectionReason.CARD_FACE_MISMATCH);
    }

    @Test
    void aConsentFlippedAfterSigningIsRefusedOnEveryPath() throws Exception {
        IssuedCard card = backend.issueCard(7);
        Attempt attempt = attempt(genuine(card.expected(), "photo-7"), card).signing(Consents.all(Consent.NO));
        CardConfirmationRequest flipped = attempt.request().withConsents(Consents.all(Consent.YES));
        assertThat(refusal(flipped)).as("face path").isEqualTo(RejectionReason.CONSENTS_ALTERED);

        // PIN path: the card signed the statement with every answer NO (a refused request spends its nonce).
        Consents no = Consents.all(Consent.NO);
        assertThat(refusal(pinSigned(card, no).withConsents(Consents.all(Consent.YES))))
                .as("PIN path")
                .isEqualTo(RejectionReason.CONSENTS_ALTERED);
        assertThat(refusal(pinSigned(card, no).withPrescriptionForm(PrescriptionForm.PAPER)))
                .as("the prescription form changed")
                .isEqualTo(RejectionReason.CONSENTS_ALTERED);
        assertThat(client.confirmByCard(pinSigned(card, no)))
                .as("as signed")
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);

        // Visual path: the terminal's attestation carries the statement's digest.
        byte[] visualNonce = TestCards.nonce(client);
        VisualAttestation visual = new VisualAttestation(
                visualNonce,
                TestCards.sha256(card.authCertDer()),
                TestCards.statement(client, visualNonce, no),
                TestCards.passcode(client, "staff-07"));
        CardConfirmationRequest staffChecked = new CardConfirmationRequest(
                card.authCertDer(),
                visualNonce,
                TerminalSigner.sign(backend.terminalTls(), visual.bytes()),
                IdentityMethod.VISUAL,
                Consents.all(Consent.YES),
                "visual",
                visual);
        assertThat(refusal(staffChecked)).as("visual path").isEqualTo(RejectionReason.CONSENTS_ALTERED);
    }

    @Test
    void aPinRequestWithAnOldCardSignatureAndAMadeUpAttestationIsRefused() throws Exception {
        // The card's signature from an earlier visit, sent with a fresh nonce and a terminal-made attestation that
        // carries the fresh statement's digest: the PIN path takes the card's own signed digest, nothing else.
        IssuedCard card = backend.issueCard(11);
        byte[] earlier = TestCards.nonce(client);
        byte[] oldSignature = TestCards.signStatement(card.authKey(), client, earlier);
        byte[] nonce = TestCards.nonce(client);
        VisualAttestation madeUp = new VisualAttestation(
                nonce,
                TestCards.sha256(card.authCertDer()),
                TestCards.statement(client, nonce),
                TestCards.passcode(client, "staff-11"));
        CardConfirmationRequest replayed = new CardConfirmationRequest(
                card.authCertDer(), nonce, oldSignature, IdentityMethod.PIN, Consents.none(), "pin-replay", madeUp);

        assertThat(refusal(replayed)).isEqualTo(RejectionReason.CONSENTS_ALTERED);
    }

    /** A PIN-path request whose statement the card signed with these answers, on a fresh nonce. */
    private static CardConfirmationRequest pinSigned(IssuedCard card, Consents consents) throws Exception {
        byte[] nonce = TestCards.nonce(client);
        return new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                TestCards.signStatement(card.authKey(), client, nonce, consents, null),
                IdentityMethod.PIN,
                consents,
                "pin");
    }

    @Test
    void anAttestationReplayedWithAnOldNonceOrForAnotherCardIsRefused() throws Exception {
        IssuedCard card = backend.issueCard(8);
        Chip chip = genuine(card.expected(), "photo-8");
        Attempt used = attempt(chip, card);
        CardConfirmationRequest first = used.request();
        assertThat(client.confirmByCard(first)).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        assertThat(refusal(first)).as("the same request again").isEqualTo(RejectionReason.NONCE_INVALID);

        // The old attestation and chip signature under a fresh nonce.
        Attempt fresh = attempt(chip, card);
        CardConfirmationRequest replayed = new CardConfirmationRequest(
                        card.authCertDer(),
                        fresh.nonce(),
                        first.signature(),
                        IdentityMethod.FACE,
                        Consents.none(),
                        "face",
                        first.attestation())
                .withCardFace(chip.face(), first.cardFaceSignature());
        assertThat(refusal(replayed)).isEqualTo(RejectionReason.SIGNATURE_INVALID);

        // An attestation about one genuine card face, sent with another genuine card face of the same person.
        Chip otherChip = genuine(card.expected(), "photo-8b");
        Attempt forOther = attempt(chip, card);
        Attempt sentWith = new Attempt(otherChip, card, forOther.nonce());
        assertThat(refusal(sentWith.request(forOther.attestation(), sentWith.chipSignature())))
                .isEqualTo(RejectionReason.ATTESTATION_INVALID);

        // An attestation about another card's certificate.
        IssuedCard other = backend.issueCard(9);
        Attempt aboutOther = attempt(genuine(other.expected(), "photo-9"), other);
        CardConfirmationRequest mixed = new CardConfirmationRequest(
                        card.authCertDer(),
                        aboutOther.nonce(),
                        TerminalSigner.sign(
                                backend.terminalTls(), aboutOther.attestation().bytes()),
                        IdentityMethod.FACE,
                        Consents.none(),
                        "face",
                        aboutOther.attestation())
                .withCardFace(aboutOther.chip().face(), aboutOther.chipSignature());
        assertThat(refusal(mixed)).isEqualTo(RejectionReason.SIGNATURE_INVALID);
    }

    @Test
    void aStaleFutureOrNonMatchingAttestationAndATamperedScoreAreRefused() throws Exception {
        IssuedCard card = backend.issueCard(10);
        Chip chip = genuine(card.expected(), "photo-10");
        assertThat(refusal(attempt(chip, card)
                        .at(Instant.now().minus(Duration.ofMinutes(10)))
                        .request()))
                .isEqualTo(RejectionReason.ATTESTATION_INVALID);
        assertThat(refusal(attempt(chip, card)
                        .at(Instant.now().plus(Duration.ofMinutes(10)))
                        .request()))
                .isEqualTo(RejectionReason.ATTESTATION_INVALID);

        Attempt a = attempt(chip, card);
        FaceAttestation m = a.attestation();
        FaceAttestation noMatch = new FaceAttestation(
                m.nonce(),
                m.authCertificateSha256(),
                m.cardFaceSha256(),
                m.statementSha256(),
                m.score(),
                m.threshold(),
                m.framesMatched(),
                m.presentationChecks(),
                m.modelVersion(),
                "NO_MATCH",
                m.attestedAt());
        assertThat(refusal(a.request(noMatch, a.chipSignature()))).isEqualTo(RejectionReason.ATTESTATION_INVALID);

        // Signed at 0.41, sent as 0.95: the terminal's signature no longer covers the text.
        Attempt low = attempt(chip, card).scored(0.41, 0.40, 2, CHECKS);
        CardConfirmationRequest signedLow = low.request();
        Attempt high = new Attempt(chip, card, low.nonce())
                .scored(0.95, 0.40, 2, CHECKS)
                .at(low.at());
        CardConfirmationRequest tampered = new CardConfirmationRequest(
                        card.authCertDer(),
                        low.nonce(),
                        signedLow.signature(),
                        IdentityMethod.FACE,
                        Consents.none(),
                        "face",
                        high.attestation())
                .withCardFace(chip.face(), signedLow.cardFaceSignature());
        assertThat(refusal(tampered)).isEqualTo(RejectionReason.SIGNATURE_INVALID);
    }

    /** Someone whose birth date or sex differs from this person's (the relay needs a different card face). */
    private static Qualification otherPerson(Qualification victim) {
        for (int i = 0; i < backend.people(); i++) {
            Qualification q = backend.person(i);
            if (!q.birthdate().equals(victim.birthdate()) || q.sex() != victim.sex()) {
                return q;
            }
        }
        throw new AssertionError("the population has no one else");
    }

    private static KeyPair rsa2048() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return rsa.generateKeyPair();
    }
}
