package org.uketsuke.cardfront;

/**
 * The outcome of looking at one camera frame for the card front. {@link NotFound} and {@link Unreadable} are what the
 * guided capture tells the patient ("no card seen", "hold still", "too dark", "blurred"); none of them spends a
 * 照合番号B try.
 */
public sealed interface CardFrontRead {

    /** The three fields were read and make a well-formed 照合番号B (whether the card accepts it is the card's call). */
    record Read(CardFrontFields fields) implements CardFrontRead {}

    /** No card-shaped bright quadrilateral in the frame: "place the card face up inside the frame". */
    record NotFound() implements CardFrontRead {}

    /** A card may be there but its text cannot be read from this frame. */
    record Unreadable(Reason reason) implements CardFrontRead {}

    /** Why a frame could not be read; maps one-to-one to a patient message. */
    enum Reason {
        /** The card moved since the previous frame (guided capture waits for a still card). */
        HOLD_STILL,
        /** The picture is too dark to see the print. */
        TOO_DARK,
        /** The card is out of focus or moving fast. */
        BLURRED,
        /** The card was seen but the birth date, expiry or security code could not all be read. */
        TEXT_UNREADABLE
    }
}
