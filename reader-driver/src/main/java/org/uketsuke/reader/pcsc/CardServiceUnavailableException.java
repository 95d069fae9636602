package org.uketsuke.reader.pcsc;

/** The PC/SC service (pcscd on Linux, SCardSvr on Windows) is not running or its library is missing. */
public final class CardServiceUnavailableException extends Exception {

    public CardServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
