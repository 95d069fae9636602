package org.uketsuke.app.flow;

/**
 * The closed list of things a patient or receptionist can be told went wrong. Each maps one-to-one to a ja/en
 * message ({@code problem.NAME} in the UI bundle); diagnostics (status words, causes) go to the log only.
 */
public enum Problem {
    CARD_REMOVED,
    CARD_UNREADABLE,
    NOT_A_MY_NUMBER_CARD,
    /** Another program holds the card (e.g. a JPKI client left open): waiting helps, taking the card off does not. */
    CARD_IN_USE,
    /** The card service is not running, or the configured reader is not there: staff have to act. */
    CARD_SERVICE_UNAVAILABLE,
    PIN_BLOCKED,
    COLLATION_NUMBER_WRONG,
    CARD_NOT_GENUINE,
    FACE_NOT_MATCHED,
    VISUAL_CHECK_REFUSED,
    FACE_NOT_SEEN,
    CAMERA_UNAVAILABLE,
    NO_QUALIFICATION,
    QUALIFICATION_LOST,
    CERTIFICATE_EXPIRED,
    CERTIFICATE_REVOKED,
    CERTIFICATE_INVALID,
    NOT_REGISTERED,
    BACKEND_UNAVAILABLE,
    /** The system was unreachable for a confirmation by insurance number: it waits and is asked again by itself. */
    QUEUED_FOR_RETRY,
    BACKEND_REJECTED,
    STORE_FAILED,
    TIMED_OUT,
    // --- the PIN-less face path (issue #10) ---
    /** The card front could not be read by the camera: the digits are entered by hand. */
    CARD_FRONT_UNREADABLE,
    /** The expiry year read or typed differs from the one the card's 共通カードAP holds: nothing was tried on the card. */
    CARD_EXPIRY_MISMATCH,
    /** 照合番号B has no tries left: the face path is closed for this card (PIN or the staff's check remain). */
    COLLATION_NUMBER_BLOCKED,
    // --- the audit log (issue #19) ---
    /** The audit log cannot record (broken, missing, a failed write): no confirmation until an administrator acknowledges. */
    RECEPTION_PAUSED,
    // --- verifiable PIN-less confirmation (issue #25) ---
    /** The genuine card face belongs to someone other than the certificate's person (a relayed card-face AP). */
    CARD_FACE_MISMATCH,
    /** The consents that reached the system are not the ones the patient's proof signed: nothing was confirmed. */
    CONSENTS_ALTERED,
    // --- smartphones and face-only cards (issue #20) ---
    /** The phone's certificate (or the card behind it) has expired: a phone has no grace period, the card is used. */
    PHONE_CERTIFICATE_EXPIRED
}
