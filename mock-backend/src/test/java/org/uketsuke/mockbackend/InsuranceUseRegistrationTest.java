package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TerminalSigner;

/** 保険証利用登録 at the counter over real HTTPS with mTLS, persisted in the population database. */
class InsuranceUseRegistrationTest {

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 13L, 30));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static InsuranceUseRegistration signed(IssuedCard card) throws Exception {
        byte[] nonce = TestCards.nonce(client);
        return new InsuranceUseRegistration(card.authCertDer(), nonce, TestCards.sign(card.authKey(), nonce));
    }

    @Test
    void anUnregisteredCardIsNotRegisteredUntilItsHolderRegistersThenItConfirms() throws Exception {
        IssuedCard card = backend.issueUnregisteredCard(5);
        assertThat(TestCards.reason(TestCards.confirmWithPin(client, card))).isEqualTo(RejectionReason.NOT_REGISTERED);

        RegistrationOutcome first = client.registerForInsuranceUse(signed(card));
        assertThat(first)
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Registered.class,
                        r -> assertThat(r.alreadyRegistered()).isFalse());
        assertThat(TestCards.confirmWithPin(client, card))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Confirmed.class,
                        // The particulars (address, card dates, consent times) are FullResultTest's subject.
                        c -> assertThat(c.qualification().withParticulars(ResultParticulars.none()))
                                .isEqualTo(Confirmations.withConsents(card.expected(), Consents.none())));

        assertThat(client.registerForInsuranceUse(signed(card)))
                .as("registering again is no error")
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Registered.class,
                        r -> assertThat(r.alreadyRegistered()).isTrue());
    }

    /** The staff's visual check as proof, signed by the terminal: what the kiosk sends on the visual path. */
    private static CardConfirmationRequest visualProof(IssuedCard card, Consents consents) throws Exception {
        byte[] nonce = TestCards.nonce(client);
        String passcode = TestCards.passcode(client, "staff-02").passcode();
        VisualAttestation attestation = new VisualAttestation(
                nonce,
                TestCards.sha256(card.authCertDer()),
                TestCards.statement(client, nonce, consents),
                "staff-02",
                passcode);
        return new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                TerminalSigner.sign(backend.terminalTls(), attestation.bytes()),
                IdentityMethod.VISUAL,
                consents,
                "visual-registration",
                attestation);
    }

    @Test
    void theStaffsVisualCheckRegistersTheCardOnceAndAnAlteredOrReplayedProofIsRefused() throws Exception {
        IssuedCard card = backend.issueUnregisteredCard(7);
        CardConfirmationRequest altered = visualProof(card, Consents.none()).withConsents(Consents.all(Consent.YES));
        assertThat(client.registerByProof(altered))
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.CONSENTS_ALTERED));
        assertThat(TestCards.reason(TestCards.confirmWithPin(client, card))).isEqualTo(RejectionReason.NOT_REGISTERED);

        CardConfirmationRequest proof = visualProof(card, Consents.none());
        assertThat(client.registerByProof(proof))
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Registered.class,
                        r -> assertThat(r.alreadyRegistered()).isFalse());
        assertThat(client.registerByProof(proof))
                .as("the nonce and passcode are used up")
                .isInstanceOf(RegistrationOutcome.Rejected.class);
        assertThat(TestCards.confirmWithPin(client, card)).isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void theRegistrationSurvivesARestartOnTheSameState() throws Exception {
        Path own = state.resolve("restart");
        IssuedCard card;
        try (MockBackend first = MockBackend.start(new MockBackendConfig(own, 0, 13L, 10))) {
            HttpsEligibilityClient c =
                    new HttpsEligibilityClient(first.baseUri(), first.terminalTls(), Duration.ofSeconds(10));
            card = first.issueUnregisteredCard(2);
            byte[] nonce = TestCards.nonce(c);
            assertThat(c.registerForInsuranceUse(new InsuranceUseRegistration(
                            card.authCertDer(), nonce, TestCards.sign(card.authKey(), nonce))))
                    .isInstanceOf(RegistrationOutcome.Registered.class);
        }
        try (MockBackend again = MockBackend.start(new MockBackendConfig(own, 0, 13L, 10))) {
            HttpsEligibilityClient c =
                    new HttpsEligibilityClient(again.baseUri(), again.terminalTls(), Duration.ofSeconds(10));
            IssuedCard same = again.issueUnregisteredCard(2);
            assertThat(same.authCertDer()).isEqualTo(card.authCertDer());
            assertThat(TestCards.confirmWithPin(c, same)).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        }
    }

    @Test
    void aRegistrationNeedsTheCardsOwnSignatureOverAFreshNonce() throws Exception {
        IssuedCard card = backend.issueUnregisteredCard(6);
        IssuedCard other = backend.issueCard(7);
        byte[] nonce = TestCards.nonce(client);
        assertThat(reason(client.registerForInsuranceUse(new InsuranceUseRegistration(
                        card.authCertDer(), nonce, TestCards.sign(other.authKey(), nonce)))))
                .isEqualTo(RejectionReason.SIGNATURE_INVALID);
        InsuranceUseRegistration once = signed(card);
        assertThat(client.registerForInsuranceUse(once)).isInstanceOf(RegistrationOutcome.Registered.class);
        assertThat(reason(client.registerForInsuranceUse(once)))
                .as("the nonce is used up")
                .isEqualTo(RejectionReason.NONCE_INVALID);
    }

    @Test
    void revokedExpiredAndOwnerlessCardsCannotBeRegistered() throws Exception {
        IssuedCard revoked = backend.issueUnregisteredCard(8);
        backend.revoke(revoked);
        assertThat(reason(client.registerForInsuranceUse(signed(revoked))))
                .isEqualTo(RejectionReason.CERTIFICATE_REVOKED);
        assertThat(reason(client.registerForInsuranceUse(signed(backend.issueExpiredCard(9)))))
                .isEqualTo(RejectionReason.CERTIFICATE_EXPIRED);
        assertThat(reason(client.registerForInsuranceUse(signed(backend.issueUnregisteredCard()))))
                .as("a genuine card whose holder has no insurance on file")
                .isEqualTo(RejectionReason.NO_QUALIFICATION);
        backend.loseQualification(10);
        assertThat(reason(client.registerForInsuranceUse(signed(backend.issueUnregisteredCard(10)))))
                .isEqualTo(RejectionReason.QUALIFICATION_LOST);
    }

    private static RejectionReason reason(RegistrationOutcome outcome) {
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Rejected.class);
        RegistrationOutcome.Rejected rejected = (RegistrationOutcome.Rejected) outcome;
        assertThat(rejected.code()).startsWith("UK");
        assertThat(rejected.message()).isNotBlank();
        return rejected.reason();
    }
}
