package org.uketsuke.eligibility;

import java.util.Objects;

/**
 * A confirmation by card: the auth certificate read from the card, the backend's nonce and the card's signature
 * over it (RSA PKCS#1 v1.5 over the SHA-256 DigestInfo of the nonce), plus how identity was checked and the consents.
 *
 * @param arbitraryFileIdentifier {@code ArbitraryFileIdentifier}: echoed by the answer, matches it to the visit
 * @param attestation on the face and visual-check paths: the terminal's attestation, which {@code signature} then
 *     signs with the terminal key (instead of the card's signature over the nonce); null on the PIN path
 */
public record CardConfirmationRequest(
        byte[] authCertificateDer,
        byte[] nonce,
        byte[] signature,
        IdentityMethod method,
        Consents consents,
        String arbitraryFileIdentifier,
        Attestation attestation) {

    /** The PIN path: the card signed the nonce. */
    public CardConfirmationRequest(byte[] authCertificateDer, byte[] nonce, byte[] signature, IdentityMethod method,
            Consents consents, String arbitraryFileIdentifier) {
        this(authCertificateDer, nonce, signature, method, consents, arbitraryFileIdentifier, null);
    }

    public CardConfirmationRequest {
        Objects.requireNonNull(authCertificateDer, "authCertificateDer");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(consents, "consents");
        Objects.requireNonNull(arbitraryFileIdentifier, "arbitraryFileIdentifier");
        authCertificateDer = authCertificateDer.clone();
        nonce = nonce.clone();
        signature = signature.clone();
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
        // No certificate or signature bytes in logs.
        return "CardConfirmationRequest[method=" + method + ", file=" + arbitraryFileIdentifier + "]";
    }
}
