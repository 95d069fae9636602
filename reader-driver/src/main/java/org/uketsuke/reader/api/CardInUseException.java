package org.uketsuke.reader.api;

/**
 * Another program holds the card (PC/SC exclusive access or an open transaction, e.g. a JPKI client left running):
 * our session could not get exclusive access in time. The card is there; asking the patient to wait or closing the
 * other program helps, taking the card off does not.
 */
public final class CardInUseException extends CardGoneException {

    public CardInUseException(String message) {
        super(message);
    }

    public CardInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
