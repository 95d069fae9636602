package org.uketsuke.reader.api;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the APDUs a card answered and their bytes: what the benchmarks report for each card operation. */
public final class ApduStats implements ApduTransport {

    private final ApduTransport inner;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();

    public ApduStats(ApduTransport inner) {
        this.inner = inner;
    }

    /** The inner transport's: a PC/SC session runs the work on its thread, each command still counted here. */
    @Override
    public <T> T exchange(Exchange<T> work) throws CardGoneException {
        return inner.exchange(work);
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
        ResponseApdu answer = inner.transmit(command);
        // Counted once answered: a command the guard refused never reached the card.
        commands.incrementAndGet();
        bytesSent.addAndGet(command.bytes().length);
        bytesReceived.addAndGet(answer.data().length + 2L);
        return answer;
    }

    @Override
    public Optional<CardSelection> knownSelection() {
        return inner.knownSelection();
    }

    public long commands() {
        return commands.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public void reset() {
        commands.set(0);
        bytesSent.set(0);
        bytesReceived.set(0);
    }

    @Override
    public void close() {
        inner.close();
    }
}
