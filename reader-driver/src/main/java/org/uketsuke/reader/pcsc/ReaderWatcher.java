package org.uketsuke.reader.pcsc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.reader.api.ReaderEvent;

/**
 * Watches every reader of the card service on its own thread and reports {@link ReaderEvent}s to listeners. The
 * thread blocks in the service ({@code CardTerminals.waitForChange}, i.e. {@code SCardGetStatusChange}) for at most
 * one slice, then compares readers and cards with what it saw before: card insertions and removals wake it at once;
 * a reader plugged in is seen at the end of the slice (PC/SC only wakes for readers it was asked about). With no
 * reader at all there is nothing to block on, so it looks again once per slice.
 *
 * <p>When the service stops (SCARD_E_NO_SERVICE and friends) it reports the cards and readers gone, then
 * {@link ReaderEvent.ServiceDown}, and tries again with a growing pause (backoff), each time on a fresh PC/SC context;
 * when the service answers again it reports {@link ReaderEvent.ServiceUp} and the readers and cards it finds.
 */
public final class ReaderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReaderWatcher.class);
    public static final Duration DEFAULT_SLICE = Duration.ofMillis(500);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(3);

    private enum Service {
        UNKNOWN,
        UP,
        DOWN
    }

    private final Duration slice;
    private final List<Consumer<? super ReaderEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    public ReaderWatcher() {
        this(DEFAULT_SLICE);
    }

    /** {@code slice}: the longest one blocking wait, i.e. how late a new reader or {@link #close()} is noticed. */
    public ReaderWatcher(Duration slice) {
        if (slice.isNegative() || slice.isZero()) {
            throw new IllegalArgumentException("the slice must be positive");
        }
        this.slice = slice;
    }

    /** Adds a listener; events arrive on the watcher's thread, in order. A listener that throws is logged and kept. */
    public ReaderWatcher addListener(Consumer<? super ReaderEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Starts the thread; what is there already is reported first (ServiceUp, ReaderAdded, CardInserted). */
    public synchronized ReaderWatcher start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().name("pcsc-reader-watcher").daemon().start(this::watch);
        }
        return this;
    }

    /** Stops watching; returns within about one slice. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(slice.toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void watch() {
        Map<String, Boolean> seen = Map.of(); // reader -> card present
        Service service = Service.UNKNOWN;
        CardTerminals terminals = null;
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try {
                if (terminals == null) {
                    terminals = PcscContext.terminals();
                }
                Map<String, Boolean> now = snapshot(terminals);
                if (service != Service.UP) {
                    service = Service.UP;
                    backoff = FIRST_BACKOFF;
                    emit(new ReaderEvent.ServiceUp(List.copyOf(now.keySet())));
                }
                report(seen, now);
                seen = now;
                if (now.isEmpty()) {
                    sleep(slice);
                } else {
                    terminals.waitForChange(slice.toMillis());
                }
            } catch (CardException | CardServiceUnavailableException | IllegalStateException e) {
                if (e instanceof IllegalStateException && !running) {
                    break;
                }
                if (!PcscReaders.isServiceDown(e) && !(e instanceof CardServiceUnavailableException)) {
                    // A reader vanished between listing and waiting, or the like: look again.
                    log.debug("reader watch: {}", PcscReaders.reason(e));
                    terminals = null;
                    sleep(FIRST_BACKOFF); // an error that keeps coming must not spin the thread
                    continue;
                }
                terminals = null;
                PcscContext.renew();
                if (service != Service.DOWN) {
                    report(seen, Map.of());
                    seen = Map.of();
                    service = Service.DOWN;
                    emit(new ReaderEvent.ServiceDown(
                            "the card service does not answer: " + PcscReaders.reason(e) + PcscContext.renewHint()));
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** The readers and whether a card is on each; a reader that vanished meanwhile is left out. */
    private static Map<String, Boolean> snapshot(CardTerminals terminals) throws CardException {
        List<CardTerminal> list;
        try {
            list = terminals.list();
        } catch (CardException e) {
            if (PcscReaders.isNoReaders(e)) {
                return Map.of();
            }
            throw e;
        }
        Map<String, Boolean> now = new LinkedHashMap<>();
        for (CardTerminal terminal : list) {
            try {
                now.put(terminal.getName(), terminal.isCardPresent());
            } catch (CardException e) {
                if (PcscReaders.isServiceDown(e)) {
                    throw e;
                }
                // SCARD_E_UNKNOWN_READER: unplugged while we looked; the next round sees it gone.
            }
        }
        return now;
    }

    /** Differences as events: readers first added, cards then; cards first removed, readers then. */
    private void report(Map<String, Boolean> before, Map<String, Boolean> now) {
        now.forEach((reader, card) -> {
            if (!before.containsKey(reader)) {
                emit(new ReaderEvent.ReaderAdded(reader));
            }
            boolean had = Boolean.TRUE.equals(before.get(reader));
            if (card && !had) {
                emit(new ReaderEvent.CardInserted(reader));
            } else if (!card && had) {
                emit(new ReaderEvent.CardRemoved(reader));
            }
        });
        before.forEach((reader, card) -> {
            if (!now.containsKey(reader)) {
                if (card) {
                    emit(new ReaderEvent.CardRemoved(reader));
                }
                emit(new ReaderEvent.ReaderRemoved(reader));
            }
        });
    }

    private void emit(ReaderEvent event) {
        log.debug("reader event {}", event);
        for (Consumer<? super ReaderEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("a reader-event listener failed on {}", event, e);
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
