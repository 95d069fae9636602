package org.uketsuke.app.reception;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.pcsc.CardServiceUnavailableException;
import org.uketsuke.reader.pcsc.PcscReaders;

/**
 * A PC/SC reader at the counter (a real one, or vpcd with the virtual card). A watcher thread blocks in the card
 * service ({@code SCardGetStatusChange} through waitForCardPresent/Absent — no busy polling) and reports placements
 * and removals to the visit.
 */
public final class PcscCardSlot implements CardSlot {

    private static final Logger log = LoggerFactory.getLogger(PcscCardSlot.class);
    private static final Duration WAIT_SLICE = Duration.ofMillis(500);

    private final PcscReaders readers;
    private final String reader;
    private final AtomicReference<Consumer<VisitEvent>> sink = new AtomicReference<>(event -> {});
    private final Thread watcher;
    private volatile boolean running = true;

    public PcscCardSlot(PcscReaders readers, String reader) {
        this.readers = readers;
        this.reader = reader;
        this.watcher = Thread.ofPlatform().name("pcsc-watch").daemon().unstarted(this::watch);
    }

    /** Starts watching; a card already on the reader is reported at once. */
    public PcscCardSlot start() {
        watcher.start();
        return this;
    }

    @Override
    public void onCardEvents(Consumer<VisitEvent> sink) {
        this.sink.set(sink);
    }

    private void watch() {
        boolean present = false;
        while (running) {
            try {
                boolean changed = present
                        ? readers.waitForCardAbsent(reader, WAIT_SLICE)
                        : readers.waitForCardPresent(reader, WAIT_SLICE);
                if (changed && running) {
                    present = !present;
                    sink.get().accept(present ? new VisitEvent.CardPlaced() : new VisitEvent.CardRemoved());
                }
            } catch (CardServiceUnavailableException e) {
                if (present) {
                    present = false;
                    sink.get().accept(new VisitEvent.CardRemoved());
                }
                log.warn("card service: {}", e.getMessage());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    @Override
    public ApduTransport connect() throws CardGoneException {
        try {
            return readers.connect(reader);
        } catch (CardServiceUnavailableException e) {
            throw new CardGoneException("card service unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return reader;
    }

    @Override
    public void close() {
        running = false;
        try {
            watcher.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
