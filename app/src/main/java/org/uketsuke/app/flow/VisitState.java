package org.uketsuke.app.flow;

/** Where one patient's visit at the kiosk stands. Every state but {@link #IDLE} belongs to exactly one patient. */
public enum VisitState {
    /** Waiting for a card; shows nothing personal. */
    IDLE,
    /** Card placed; the driver identifies it and reads the auth certificate. */
    READING_CARD,
    /** The patient enters the 4-digit auth PIN on the pad. */
    AWAITING_PIN,
    /** PIN-less path: 照合番号B opens the chip photo, the card proves it is genuine, the live face is matched. */
    MATCHING_FACE,
    /** 目視確認: the staff compare the card's photo with the patient and confirm on their screen. */
    AWAITING_STAFF_CHECK,
    /** The card checks the PIN. */
    VERIFYING_PIN,
    /** The patient answers yes or no for each kind of information the clinic may see. */
    ASKING_CONSENTS,
    /** Signature over the backend nonce, qualification query and hand-off to the レセコン store. */
    CONFIRMING,
    /** The card is not registered for insurance use: the patient may register it here (保険証利用登録). */
    OFFERING_REGISTRATION,
    /** Registering the card, then confirming again. */
    REGISTERING,
    /** Qualification confirmed; the patient sees what they may see and is asked to take the card. */
    SHOWING_RESULT,
    /** Something went wrong; the patient sees a plain message and what to do next. */
    SHOWING_PROBLEM,
    // --- the PIN-less face path at the counter (issue #10) ---
    /** Face path: the patient holds the card front to the camera; 照合番号B is read off it (guided capture). */
    CAPTURING_CARD_FRONT,
    /** Face path: the patient types birth date, expiry year and security code (OCR failed or was declined). */
    ENTERING_COLLATION_NUMBER,
    /** Face path failed (no face, poor quality, mismatch, 照合番号B blocked …): the PIN or the staff's check is offered. */
    FACE_PATH_FAILED
}
