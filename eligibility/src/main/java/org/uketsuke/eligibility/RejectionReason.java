package org.uketsuke.eligibility;

/**
 * Why the qualification system answered without a valid qualification. No text here: an application has its own
 * words for each constant.
 */
public enum RejectionReason {
    /** 資格なし: no qualification found for this person. */
    NO_QUALIFICATION,
    /** 資格喪失: the qualification has ended. */
    QUALIFICATION_LOST,
    /** The auth certificate does not chain to J-LIS or is malformed. */
    CERTIFICATE_INVALID,
    /** The auth certificate is past its validity. */
    CERTIFICATE_EXPIRED,
    /** The auth certificate was revoked (card lost, renewed, …). */
    CERTIFICATE_REVOKED,
    /** The signature over the nonce does not verify with the certificate's key. */
    SIGNATURE_INVALID,
    /** The card is not registered for use as a health insurance card (保険証利用登録). */
    NOT_REGISTERED,
    /** The nonce is unknown, already used or expired. */
    NONCE_INVALID,
    /** The request broke the interface rules. */
    REQUEST_INVALID,
    /** A visual check's passcode is unknown, was issued to another staff member or terminal, or is missing. */
    PASSCODE_INVALID,
    /** A visual check's passcode is past its few minutes. */
    PASSCODE_EXPIRED,
    /** A visual check's passcode was already used for a confirmation. */
    PASSCODE_USED,
    /**
     * A face attestation that does not hold: not the current version, stale or from the future, no proof of the card's
     * presence, or a decision other than a match at or above its threshold.
     */
    ATTESTATION_INVALID,
    /**
     * The card face is not the issuer's: its issuer signature is broken or from another issuer, or the card-face AP's
     * key did not sign this request's challenge (a programmable card, a copied card face).
     */
    CARD_FACE_INVALID,
    /**
     * The genuine card face does not belong to the certificate's person: the birth date or sex the issuer signed differ
     * from those of the person the certificate is linked to (a relay of another card's card-face AP).
     */
    CARD_FACE_MISMATCH,
    /** The consents or prescription form sent are not those the identity proof signed (changed after signing). */
    CONSENTS_ALTERED,
    /** The face match is below the backend's policy (score, matching frames or presentation-attack checks). */
    BELOW_POLICY
}
