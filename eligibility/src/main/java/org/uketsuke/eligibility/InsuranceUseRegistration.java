package org.uketsuke.eligibility;

import java.util.Objects;

/**
 * 保険証利用登録 at the counter: the card's auth certificate, a backend nonce and the card's signature over it (the
 * PIN path's proof: RSA PKCS#1 v1.5 over the SHA-256 DigestInfo of the nonce, after the holder entered the auth PIN).
 */
public record InsuranceUseRegistration(byte[] authCertificateDer, byte[] nonce, byte[] signature) {

    public InsuranceUseRegistration {
        authCertificateDer =
                Objects.requireNonNull(authCertificateDer, "authCertificateDer").clone();
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    @Override
    public byte[] authCertificateDer() {
        return authCertificateDer.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "InsuranceUseRegistration[****]";
    }
}
