package org.uketsuke.reader.api;

/**
 * The card is not reachable for this session: removed, reset by someone else, the reader went away — or, as
 * {@link CardInUseException}, another program holds it.
 */
public sealed class CardGoneException extends Exception permits CardInUseException {

    public CardGoneException(String message) {
        super(message);
    }

    public CardGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
