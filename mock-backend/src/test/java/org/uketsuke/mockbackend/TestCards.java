package org.uketsuke.mockbackend;

import java.security.MessageDigest;
import java.security.PrivateKey;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.EligibilityUnavailableException;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.RejectionReason;

/** What a card and a terminal do in these tests: sign a fresh nonce with the card's auth key (the PIN path). */
final class TestCards {

    private TestCards() {}

    /** PKCS#1 v1.5 over the SHA-256 DigestInfo, as the card signs after the PIN. */
    static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(data);
        return rsa.sign();
    }

    static CardConfirmationRequest pinRequest(HttpsEligibilityClient client, IssuedCard card) throws Exception {
        byte[] nonce = client.nonce();
        return new CardConfirmationRequest(card.authCertDer(), nonce, sign(card.authKey(), nonce), IdentityMethod.PIN,
                Consents.none(), "test-" + System.nanoTime());
    }

    static ConfirmationOutcome confirmWithPin(HttpsEligibilityClient client, IssuedCard card) {
        try {
            return client.confirmByCard(pinRequest(client, card));
        } catch (EligibilityUnavailableException e) {
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
