package org.uketsuke.reader.sim;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * What a virtual card is issued with: the auth certificate and its CA (DER), the auth private key, and the 4-digit
 * auth PIN. In the demo and tests these come from the mock backend's test JPKI CA; nothing here is committed.
 */
public record CardPersonalisation(byte[] authCertDer, byte[] authCaCertDer, PrivateKey authKey, String authPin) {

    public CardPersonalisation {
        Objects.requireNonNull(authCertDer, "authCertDer");
        Objects.requireNonNull(authCaCertDer, "authCaCertDer");
        Objects.requireNonNull(authKey, "authKey");
        if (authPin == null || !authPin.matches("\\d{4}")) {
            throw new IllegalArgumentException("the auth PIN is 4 digits");
        }
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
        return "CardPersonalisation[****]";
    }
}
