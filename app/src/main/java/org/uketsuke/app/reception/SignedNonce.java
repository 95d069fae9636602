package org.uketsuke.app.reception;

import java.util.HexFormat;
import java.util.Optional;
import org.uketsuke.eligibility.Attestation;
import org.uketsuke.eligibility.IdentityMethod;

/**
 * The backend's nonce with the proof of presence over it: the card's signature, or the terminal's over its attestation.
 */
record SignedNonce(byte[] nonce, byte[] signature, IdentityMethod method, Optional<Attestation> attestation) {

    /** The file id the confirmation travels under to the backend and the レセコン: from the nonce, so unique. */
    String fileId() {
        return HexFormat.of().formatHex(Digests.sha256(nonce), 0, 10);
    }
}
