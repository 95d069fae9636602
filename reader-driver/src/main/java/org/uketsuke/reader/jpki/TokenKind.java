package org.uketsuke.reader.jpki;

/** What the JPKI token EF 0006 says the card is. */
public enum TokenKind {
    /** {@code JPKIAPICCTOKEN2}: a My Number card. */
    MY_NUMBER_CARD,
    /** {@code JPKIAPICCTOKEN}: an old 住基 card. */
    JUKI_CARD,
    /** {@code JPKIAPGPSETOKEN}: Android smartphone JPKI — its auth certificate needs the PIN first. */
    SMARTPHONE_ANDROID,
    /** {@code JPKIAPIOSTOKEN}: iPhone JPKI. */
    SMARTPHONE_IOS,
    /** No JPKI application, or a token label we do not know. */
    NOT_JPKI;

    static TokenKind ofLabel(String label) {
        return switch (label.strip()) {
            case "JPKIAPICCTOKEN2" -> MY_NUMBER_CARD;
            case "JPKIAPICCTOKEN" -> JUKI_CARD;
            case "JPKIAPGPSETOKEN" -> SMARTPHONE_ANDROID;
            case "JPKIAPIOSTOKEN" -> SMARTPHONE_IOS;
            default -> NOT_JPKI;
        };
    }
}
