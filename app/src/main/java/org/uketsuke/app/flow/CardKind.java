package org.uketsuke.app.flow;

/**
 * What the patient presented on the reader, as far as it decides the ways of proving who they are
 * (docs/spec-notes/cards-2026.md).
 */
public enum CardKind {
    /** A My Number card with its auth PIN: PIN, face check or the staff's visual check. */
    MY_NUMBER_CARD,
    /** A 顔認証マイナンバーカード, issued without a PIN: the face check or the staff's visual check only, never the pad. */
    FACE_ONLY_CARD,
    /** Android スマホ用電子証明書: the PIN is typed on the kiosk; a phone has no photo to check. */
    ANDROID_PHONE,
    /** iPhone: the holder unlocked the identity on the phone itself; the kiosk asks for nothing. */
    IPHONE;

    /** Whether the kiosk's PIN pad can prove the holder. */
    public boolean pinOnTheKiosk() {
        return this == MY_NUMBER_CARD || this == ANDROID_PHONE;
    }

    /** Whether the card carries a photo for the face check or the staff's visual check. */
    public boolean photoOnTheCard() {
        return this == MY_NUMBER_CARD || this == FACE_ONLY_CARD;
    }
}
