package org.uketsuke.eligibility;

/** How the patient proved they hold the card. */
public enum IdentityMethod {
    /** The 4-digit auth PIN: the card signed the backend nonce. */
    PIN,
    /** Face match against the chip photo (PIN-less path). */
    FACE,
    /** 目視確認: staff compared the card photo with the patient. */
    VISUAL,
    /** No card: staff confirmed by insurance number from a 資格確認書 (照会区分 2). */
    INSURANCE_NUMBER,
    /**
     * The card at the clinic's own certified reader, imported from the 連携アプリ's {@code face} folder: the reader
     * chose PIN, face or 目視, and its result file does not say which.
     */
    CERTIFIED_READER
}
