package org.uketsuke.eligibility;

import java.util.Objects;

/**
 * A confirmation by card: the auth certificate read from the card, the backend's nonce and the card's signature
 * over it (RSA PKCS#1 v1.5 over the SHA-256 DigestInfo of the nonce), plus how identity was checked and the consents.
 *
 * @param arbitraryFileIdentifier {@code ArbitraryFileIdentifier}: echoed by the answer, matches it to the visit
 * @param attestation on the face and visual-check paths: the terminal's attestation, which {@code signature} then
 *     signs with the terminal key (instead of the card's signature over the nonce); null on the PIN path
 * @param prescriptionForm {@code PrescriptionIssueSelect}: the patient's choice of electronic or paper prescription,
 *     or null when the clinic does not issue e-prescriptions (not asked)
 * @param scenario 診療区分 (OQSCD028) the consents were given under; decides how long they let the clinic view
 * @param cardFace on the face path: the issuer-signed card face (no photo, no My Number) the backend checks and binds
 *     to the certificate's person; null otherwise
 * @param cardFaceSignature on the face path: the card-face AP key's signature over the SHA-256 DigestInfo of the
 *     {@link ConfirmationStatement} (the backend's challenge with the consents); empty otherwise
 */
public record CardConfirmationRequest(
        byte[] authCertificateDer,
        byte[] nonce,
        byte[] signature,
        IdentityMethod method,
        Consents consents,
        String arbitraryFileIdentifier,
        @Nullable Attestation attestation,
        @Nullable PrescriptionForm prescriptionForm,
        ConsentScenario scenario,
        @Nullable CardFace cardFace,
        byte[] cardFaceSignature) {

    /** Without a card face (PIN and visual paths). */
    public CardConfirmationRequest(
            byte[] authCertificateDer,
            byte[] nonce,
            byte[] signature,
            IdentityMethod method,
            Consents consents,
            String arbitraryFileIdentifier,
            @Nullable Attestation attestation,
            @Nullable PrescriptionForm prescriptionForm,
            ConsentScenario scenario) {
        this(
                authCertificateDer,
                nonce,
                signature,
                method,
                consents,
                arbitraryFileIdentifier,
                attestation,
                prescriptionForm,
                scenario,
                null,
                new byte[0]);
    }

    /** Without a prescription-form choice, for an outpatient visit. */
    public CardConfirmationRequest(
            byte[] authCertificateDer,
            byte[] nonce,
            byte[] signature,
            IdentityMethod method,
            Consents consents,
            String arbitraryFileIdentifier,
            @Nullable Attestation attestation) {
        this(
                authCertificateDer,
                nonce,
                signature,
                method,
                consents,
                arbitraryFileIdentifier,
                attestation,
                null,
                ConsentScenario.OUTPATIENT);
    }

    /** The PIN path: the card signed the nonce. */
    public CardConfirmationRequest(
            byte[] authCertificateDer,
            byte[] nonce,
            byte[] signature,
            IdentityMethod method,
            Consents consents,
            String arbitraryFileIdentifier) {
        this(authCertificateDer, nonce, signature, method, consents, arbitraryFileIdentifier, null);
    }

    public CardConfirmationRequest {
        Objects.requireNonNull(authCertificateDer, "authCertificateDer");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(consents, "consents");
        Objects.requireNonNull(arbitraryFileIdentifier, "arbitraryFileIdentifier");
        scenario = scenario == null ? ConsentScenario.OUTPATIENT : scenario;
        authCertificateDer = authCertificateDer.clone();
        nonce = nonce.clone();
        signature = signature.clone();
        cardFaceSignature = cardFaceSignature == null ? new byte[0] : cardFaceSignature.clone();
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
    public byte[] cardFaceSignature() {
        return cardFaceSignature.clone();
    }

    /** The same request with the patient's prescription-form choice (null: not asked). */
    public CardConfirmationRequest withPrescriptionForm(PrescriptionForm form) {
        return new CardConfirmationRequest(
                authCertificateDer,
                nonce,
                signature,
                method,
                consents,
                arbitraryFileIdentifier,
                attestation,
                form,
                scenario,
                cardFace,
                cardFaceSignature);
    }

    /** The same request with the signed card face and the card-face AP's signature over the statement. */
    public CardConfirmationRequest withCardFace(CardFace face, byte[] faceSignature) {
        return new CardConfirmationRequest(
                authCertificateDer,
                nonce,
                signature,
                method,
                consents,
                arbitraryFileIdentifier,
                attestation,
                prescriptionForm,
                scenario,
                face,
                faceSignature);
    }

    /** The same request with other consents (what a tampering middlebox would send). */
    public CardConfirmationRequest withConsents(Consents changed) {
        return new CardConfirmationRequest(
                authCertificateDer,
                nonce,
                signature,
                method,
                changed,
                arbitraryFileIdentifier,
                attestation,
                prescriptionForm,
                scenario,
                cardFace,
                cardFaceSignature);
    }

    @Override
    public String toString() {
        // No certificate or signature bytes in logs.
        return "CardConfirmationRequest[method=" + method + ", file=" + arbitraryFileIdentifier + "]";
    }
}
