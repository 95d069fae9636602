package org.uketsuke.app.reception;

/** How the patient proved they hold the card; the confirmation sends exactly one. */
sealed interface IdentityProof {

    /**
     * The auth PIN was verified in this card session: the card signs the backend's nonce.
     *
     * @param byCompanion a family member or carer typed the PIN for the patient (介助者)
     */
    record CardSignature(boolean byCompanion) implements IdentityProof {
        CardSignature() {
            this(false);
        }
    }

    /** The live face matched the chip photo of a genuine card: the terminal attests it with its own key. */
    record FaceMatch(FaceCheck.Result.Matched match) implements IdentityProof {}

    /** A staff member compared the card photo with the patient (目視確認): the terminal attests it. */
    record VisualCheck(String staffId) implements IdentityProof {}
}
