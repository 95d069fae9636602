package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.FaceAttestation;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.VisualAttestation;

/**
 * The one place that turns the visit's proof into a signed nonce: the card's own signature over the backend's nonce,
 * or the terminal's signed attestation (virtual card, mock backend over mTLS, the terminal's test key).
 */
class SignNonceStepTest {

    @TempDir
    static Path dir;

    private static VisitStepFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = VisitStepFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void cardOff() {
        fixture.slot.remove();
    }

    @Test
    void aVerifiedPinHasTheCardSignTheStatementWithItsAuthKey() throws Exception {
        VisitContext signed = fixture.signed(fixture.pinVerified());
        SignedNonce proof = signed.signed().orElseThrow();
        assertThat(proof.method()).isEqualTo(IdentityMethod.PIN);
        assertThat(proof.attestation()).isEmpty();
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(fixture.issued.authCertDer()));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(certificate.getPublicKey());
        // The nonce with the institution, the consents given (all NO) and no prescription form asked.
        rsa.update(new ConfirmationStatement(
                        proof.nonce(),
                        fixture.client.institutionCode(),
                        Consents.all(Consent.NO),
                        ConsentScenario.OUTPATIENT,
                        null)
                .bytes());
        assertThat(rsa.verify(proof.signature())).isTrue();
        assertThat(signed.nonce()).as("a nonce is signed once").isEmpty();
        new EndVisitStep().run(signed);
    }

    @Test
    void theStaffsCheckIsAttestedByTheTerminalWithAPasscodeFromTheSystem() {
        VisitContext visual =
                new RecordVisualCheckStep("staff-04").run(fixture.cardRead()).visit();
        SignedNonce proof = fixture.signed(visual).signed().orElseThrow();
        assertThat(proof.method()).isEqualTo(IdentityMethod.VISUAL);
        assertThat(proof.attestation())
                .hasValueSatisfying(attestation -> assertThat(attestation)
                        .isInstanceOfSatisfying(VisualAttestation.class, v -> {
                            assertThat(v.staffId()).isEqualTo("staff-04");
                            assertThat(v.nonce()).isEqualTo(proof.nonce());
                        }));
        new EndVisitStep().run(visual);
    }

    @Test
    void aMatchedFaceIsAttestedByTheTerminal() {
        VisitStep.Result matched =
                new MatchFaceStep(fixture.services.faceCheck(), fixture.collationNumberB).run(fixture.cardRead());
        assertThat(matched.event()).contains(new VisitEvent.FaceMatched());
        SignedNonce proof = fixture.signed(matched.visit()).signed().orElseThrow();
        assertThat(proof.method()).isEqualTo(IdentityMethod.FACE);
        assertThat(proof.attestation())
                .hasValueSatisfying(attestation -> assertThat(attestation)
                        .isInstanceOfSatisfying(
                                FaceAttestation.class,
                                f -> assertThat(f.cardFaceSha256())
                                        .isEqualTo(
                                                proof.cardFace().orElseThrow().sha256())));
        assertThat(proof.cardFace().orElseThrow().signedByCard(statementOf(proof), proof.cardFaceSignature()))
                .as("the card-face AP signed the statement the attestation carries")
                .isTrue();
        new EndVisitStep().run(matched.visit());
    }

    private static byte[] statementOf(SignedNonce proof) {
        return proof.attestation().orElseThrow().statementSha256();
    }

    @Test
    void anAttestationOnATerminalAssembledWithoutItsKeyIsABug() {
        VisitContext visual =
                new RecordVisualCheckStep("staff-04").run(fixture.cardRead()).visit();
        VisitContext withNonce = new FetchNonceStep(fixture.client).run(visual).visit();
        SignNonceStep withoutKey = new SignNonceStep(fixture.client, Optional.empty(), Clock.systemUTC());
        assertThatThrownBy(() -> withoutKey.run(withNonce)).isInstanceOf(IllegalStateException.class);
        new EndVisitStep().run(visual);
    }

    @Test
    void aCardTakenAwayBeforeSigningIsACardRemoved() {
        VisitContext verified = fixture.pinVerified();
        VisitContext withNonce =
                new FetchNonceStep(fixture.client).run(verified).visit();
        fixture.slot.remove();
        assertThat(fixture.signer().run(withNonce).event()).contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
        new EndVisitStep().run(verified);
    }

    @Test
    void withoutANonceNothingIsSigned() {
        VisitContext verified = fixture.pinVerified();
        assertThat(fixture.signer().run(verified).event()).contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
        new EndVisitStep().run(verified);
    }
}
