package org.uketsuke.reader.api;

/** The card is no longer reachable: removed, reset by someone else, or the reader went away. */
public final class CardGoneException extends Exception {

    public CardGoneException(String message) {
        super(message);
    }

    public CardGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
