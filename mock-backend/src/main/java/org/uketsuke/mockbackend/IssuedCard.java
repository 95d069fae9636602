package org.uketsuke.mockbackend;

import java.security.PrivateKey;
import org.uketsuke.eligibility.Qualification;

/**
 * A virtual card's contents as issued by the test JPKI CA: its auth certificate, the CA certificate, the auth key the
 * card holds, its PIN, and the qualification the backend will answer for it (for tests to compare against).
 */
public record IssuedCard(
        byte[] authCertDer, byte[] authCaCertDer, PrivateKey authKey, String pin, Qualification expected) {

    public IssuedCard {
        authCertDer = authCertDer.clone();
        authCaCertDer = authCaCertDer.clone();
    }

    @Override
    public byte[] authCertDer() {
        return authCertDer.clone();
    }

    @Override
    public byte[] authCaCertDer() {
        return authCaCertDer.clone();
    }

    @Override
    public String toString() {
        return "IssuedCard[****]";
    }
}
