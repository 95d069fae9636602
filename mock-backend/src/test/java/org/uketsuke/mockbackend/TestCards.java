package org.uketsuke.mockbackend;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.PasscodeOutcome;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.VisualPasscode;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.HttpsEligibilityClient.Download;

/** What a card and a terminal do in these tests: sign a fresh nonce with the card's auth key (the PIN path). */
final class TestCards {

    private TestCards() {}

    /** PKCS#1 v1.5 over the SHA-256 DigestInfo, as the card signs after the PIN. */
    static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(data);
        return rsa.sign();
    }

    /**
     * What the card signs on the PIN path after the PIN: the confirmation statement of this nonce, this client's
     * institution and these answers (docs/backend-api.md#the-signed-confirmation-statement).
     */
    static byte[] signStatement(
            PrivateKey key, EligibilityClient client, byte[] nonce, Consents consents, PrescriptionForm form)
            throws Exception {
        return sign(
                key,
                new ConfirmationStatement(nonce, client.institutionCode(), consents, ConsentScenario.OUTPATIENT, form)
                        .bytes());
    }

    static byte[] signStatement(PrivateKey key, EligibilityClient client, byte[] nonce) throws Exception {
        return signStatement(key, client, nonce, Consents.none(), null);
    }

    static CardConfirmationRequest pinRequest(HttpsEligibilityClient client, IssuedCard card) throws Exception {
        byte[] nonce = nonce(client);
        return new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                signStatement(card.authKey(), client, nonce),
                IdentityMethod.PIN,
                Consents.none(),
                "test-" + System.nanoTime());
    }

    static ConfirmationOutcome confirmWithPin(HttpsEligibilityClient client, IssuedCard card) {
        try {
            return client.confirmByCard(pinRequest(client, card));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A nonce the backend issued; the test fails (with the reason) if it issued none. */
    static byte[] nonce(EligibilityClient client) {
        return switch (client.nonce()) {
            case NonceOutcome.Issued issued -> issued.nonce();
            case Unavailable unavailable -> throw new AssertionError("no nonce: " + unavailable);
        };
    }

    /** A visual-check passcode the backend issued; the test fails if it issued none. */
    static VisualPasscode passcode(EligibilityClient client, String staffId) {
        return switch (client.visualCheckPasscode(staffId)) {
            case PasscodeOutcome.Issued issued -> issued.passcode();
            case Unavailable unavailable -> throw new AssertionError("no passcode: " + unavailable);
        };
    }

    /** The reception number of an uploaded batch; the test fails if the upload was not accepted. */
    static String submit(EligibilityClient client, List<InsuranceSearch> searches) {
        return switch (client.submitBatch(searches)) {
            case BatchSubmission.Accepted accepted -> accepted.receptionNumber();
            case Unavailable unavailable -> throw new AssertionError("batch not accepted: " + unavailable);
        };
    }

    /** The DER bytes of a CRL or OCSP answer; the test fails if none came. */
    static byte[] der(Download download) {
        return switch (download) {
            case Download.Received received -> received.der();
            case Download.NotReceived notReceived -> throw new AssertionError("nothing received: " + notReceived);
        };
    }

    /** The {@link Unavailable} an outcome must be. */
    static Unavailable unavailable(Object outcome) {
        if (!(outcome instanceof Unavailable unavailable)) {
            throw new AssertionError("expected unavailable, got " + outcome);
        }
        return unavailable;
    }

    /** The statement digest of a request with this nonce and no consents asked (an outpatient visit). */
    static byte[] statement(EligibilityClient client, byte[] nonce) {
        return statement(client, nonce, Consents.none());
    }

    static byte[] statement(EligibilityClient client, byte[] nonce, Consents consents) {
        return new ConfirmationStatement(nonce, client.institutionCode(), consents, ConsentScenario.OUTPATIENT, null)
                .sha256();
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    static RejectionReason reason(ConfirmationOutcome outcome) {
        if (!(outcome instanceof ConfirmationOutcome.Rejected rejected)) {
            throw new AssertionError("expected a rejection, got " + outcome);
        }
        return rejected.reason();
    }
}
