package org.uketsuke.app.reception;

import java.util.HexFormat;
import java.util.Optional;
import org.uketsuke.eligibility.Attestation;
import org.uketsuke.eligibility.CardFace;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.IdentityMethod;

/**
 * The backend's nonce with the proof of presence over it: the card's signature, or the terminal's over its attestation;
 * on the face path also the issuer-signed card face and its key's signature over the confirmation statement.
 */
record SignedNonce(
        byte[] nonce,
        byte[] signature,
        IdentityMethod method,
        Optional<Attestation> attestation,
        Optional<CardFace> cardFace,
        byte[] cardFaceSignature,
        ConsentScenario scenario) {

    SignedNonce(byte[] nonce, byte[] signature, IdentityMethod method, Optional<Attestation> attestation) {
        this(nonce, signature, method, attestation, Optional.empty(), new byte[0]);
    }

    SignedNonce(
            byte[] nonce,
            byte[] signature,
            IdentityMethod method,
            Optional<Attestation> attestation,
            Optional<CardFace> cardFace,
            byte[] cardFaceSignature) {
        this(nonce, signature, method, attestation, cardFace, cardFaceSignature, ConsentScenario.OUTPATIENT);
    }

    /** The same proof, given under this 診療区分 (the statement it signed named it). */
    SignedNonce under(ConsentScenario given) {
        return new SignedNonce(nonce, signature, method, attestation, cardFace, cardFaceSignature, given);
    }

    /** The file id the confirmation travels under to the backend and the レセコン: from the nonce, so unique. */
    String fileId() {
        return HexFormat.of().formatHex(Digests.sha256(nonce), 0, 10);
    }
}
