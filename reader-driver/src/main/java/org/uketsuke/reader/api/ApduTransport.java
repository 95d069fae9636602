package org.uketsuke.reader.api;

/**
 * A session with one card: send a command, get its response. Implementations: PC/SC ({@code reader.pcsc}), the
 * in-process virtual card ({@code reader.sim}), and decorators (the My Number guard, statistics).
 */
public interface ApduTransport extends AutoCloseable {

    /** Sends one command. Throws only when the card is gone (removed, reset, reader unplugged). */
    ResponseApdu transmit(CommandApdu command) throws CardGoneException;

    /** Ends the session; the card is reset so no PIN state survives it. */
    @Override
    void close();
}
