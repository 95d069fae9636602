package org.uketsuke.app.terminal;

/**
 * The configuration read, but a file or device it names cannot be used (a certificate that does not open, a reader
 * that is not there): broken configuration, so an exception, naming the key to fix.
 */
public final class TerminalStartException extends RuntimeException {

    private final String key;

    public TerminalStartException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The configuration key to fix, or empty when no single key is at fault (the card service is down). */
    public String key() {
        return key;
    }

    /** One line for the administrator: the key, then what is wrong. */
    public String describe() {
        return key.isEmpty() ? getMessage() : key + ": " + getMessage();
    }
}
