package org.uketsuke.reader.api;

import java.util.Optional;

/**
 * A session with one card: send a command, get its response. Implementations: PC/SC ({@code reader.pcsc}), the
 * in-process virtual card ({@code reader.sim}), and decorators (the My Number guard, statistics).
 */
public interface ApduTransport extends AutoCloseable {

    /** Sends one command. Throws only when the card is gone (removed, reset, reader unplugged). */
    ResponseApdu transmit(CommandApdu command) throws CardGoneException;

    /**
     * What this session's own commands made current, where a decorator follows the selection (the My Number guard);
     * empty when that is not known for certain. A reader may skip a SELECT the card has already done in this
     * session; empty means select again.
     */
    default Optional<CardSelection> knownSelection() {
        return Optional.empty();
    }

    /** Several commands of this session, run as one piece of work by {@link #exchange}. */
    @FunctionalInterface
    interface Exchange<T> {
        T run() throws CardGoneException;
    }

    /**
     * Runs {@code work} — commands sent through this transport, or a decorator of it — and returns its answer. A
     * transport that must send from a thread of its own (PC/SC: the JDK lets only the thread that began exclusive
     * access use the card) runs the whole of it there: one hand-off between threads for all of its commands instead
     * of one per command. Every command still goes through {@link #transmit} and every check on the way.
     */
    default <T> T exchange(Exchange<T> work) throws CardGoneException {
        return work.run();
    }

    /** Ends the session; the card is reset so no PIN state survives it. */
    @Override
    void close();
}
