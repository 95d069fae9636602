package org.uketsuke.eligibility;

import java.nio.charset.StandardCharsets;

/**
 * What the terminal vouches for when the card's auth key is not used (no PIN): the face match, or the staff's visual
 * check (目視確認). Signed with the terminal's own key; the backend checks it against the TLS client certificate.
 */
public sealed interface Attestation permits FaceAttestation, VisualAttestation {

    /** The nonce of the backend this attestation is for. */
    byte[] nonce();

    /** SHA-256 of the auth certificate this attestation is about. */
    byte[] authCertificateSha256();

    /** SHA-256 of the {@link ConfirmationStatement} (nonce, institution, consents, form) the patient gave. */
    byte[] statementSha256();

    /** The canonical text that is signed and sent. */
    String text();

    default byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    static Attestation parse(String text) {
        return text.startsWith("UKETSUKE-VISUAL-ATTESTATION-")
                ? VisualAttestation.parse(text)
                : FaceAttestation.parse(text);
    }
}
