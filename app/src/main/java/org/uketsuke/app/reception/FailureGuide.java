package org.uketsuke.app.reception;

import org.uketsuke.app.flow.Problem;

/**
 * When a confirmation fails: what the kiosk tells the patient to do next and what the staff do, for every
 * {@link Problem} — the one table of docs/spec-notes/failures.md, to be corrected there when the official text is at
 * hand. Each guide has its ja/en words ({@code failure.kiosk.NAME} for the patient, {@code failure.staff.NAME} for the
 * console). The ones marked {@link #reconfirm()} put the visit on the staff's re-confirm list ({@link ReconfirmList}):
 * the qualification is confirmed later by insurance number, and the visit is never billed at 10割 meanwhile.
 */
public enum FailureGuide {
    /** The card left, was not read, or time ran out: place it again. */
    PLACE_CARD_AGAIN(false),
    /** Another way to prove who one is: the PIN, the face check, or the staff's 目視確認. */
    OTHER_IDENTITY_CHECK(false),
    /** The card's certificate cannot be used: renew it at the municipality; today by 資格情報のお知らせ / 資格確認書. */
    RENEW_CERTIFICATE(true),
    /** 保険証利用登録 is missing: the kiosk offers it; declined, the staff confirm by insurance number. */
    REGISTER_CARD(false),
    /**
     * 資格無効 / 資格情報なし (often the insurer's registration lag): マイナポータル screen or 資格情報のお知らせ with the card,
     * otherwise a 被保険者資格申立書; re-queried on later days until the qualification appears.
     */
    QUALIFICATION_DOCUMENTS(true),
    /** The national system did not answer: the staff confirm by insurance number once it does. */
    CONFIRM_BY_INSURANCE_NUMBER(true),
    /** A staff search that waits out an outage: it is asked again by itself, nothing to do. */
    WAIT_FOR_SYSTEM(false),
    /** The terminal itself (card service, store, audit log) or a forged card or tampered request: staff check it. */
    STAFF_CHECK_TERMINAL(false);

    private final boolean reconfirm;

    FailureGuide(boolean reconfirm) {
        this.reconfirm = reconfirm;
    }

    /** Whether the visit goes on the re-confirm list (confirmed later by insurance number, never billed at 10割). */
    public boolean reconfirm() {
        return reconfirm;
    }

    /** The guide for a problem: exhaustive, so a new {@link Problem} does not compile until it is placed here. */
    public static FailureGuide of(Problem problem) {
        return switch (problem) {
            case CARD_REMOVED,
                    CARD_UNREADABLE,
                    NOT_A_MY_NUMBER_CARD,
                    CARD_IN_USE,
                    TIMED_OUT,
                    CARD_FRONT_UNREADABLE,
                    CARD_EXPIRY_MISMATCH,
                    FACE_NOT_SEEN -> PLACE_CARD_AGAIN;
            case PIN_BLOCKED,
                    COLLATION_NUMBER_WRONG,
                    COLLATION_NUMBER_BLOCKED,
                    FACE_NOT_MATCHED,
                    CAMERA_UNAVAILABLE,
                    VISUAL_CHECK_REFUSED -> OTHER_IDENTITY_CHECK;
            case CERTIFICATE_EXPIRED, CERTIFICATE_REVOKED, CERTIFICATE_INVALID, PHONE_CERTIFICATE_EXPIRED ->
                RENEW_CERTIFICATE;
            case NOT_REGISTERED -> REGISTER_CARD;
            case NO_QUALIFICATION, QUALIFICATION_LOST -> QUALIFICATION_DOCUMENTS;
            case BACKEND_UNAVAILABLE, BACKEND_REJECTED -> CONFIRM_BY_INSURANCE_NUMBER;
            case QUEUED_FOR_RETRY -> WAIT_FOR_SYSTEM;
            case CARD_SERVICE_UNAVAILABLE,
                    CARD_NOT_GENUINE,
                    CARD_FACE_MISMATCH,
                    CONSENTS_ALTERED,
                    STORE_FAILED,
                    RECEPTION_PAUSED -> STAFF_CHECK_TERMINAL;
        };
    }
}
