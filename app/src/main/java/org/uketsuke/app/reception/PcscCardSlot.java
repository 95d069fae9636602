package org.uketsuke.app.reception;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.reader.api.ReaderEvent;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.ReaderWatcher;

/**
 * A PC/SC reader at the counter (a real one, or vpcd with the virtual card). The driver's {@link ReaderWatcher}
 * blocks in the card service (no busy polling), survives the service restarting, and reports placements and
 * removals on this reader to the visit. A session that cannot be opened says why (in use, service down, …).
 */
public final class PcscCardSlot implements CardSlot {

    private static final Logger log = LoggerFactory.getLogger(PcscCardSlot.class);

    private final PcscReaders readers;
    private final List<String> names;
    private final FirstCardWins first;
    private final AtomicReference<Consumer<VisitEvent>> sink = new AtomicReference<>(event -> {});
    private final List<Consumer<List<String>>> waitingListeners = new CopyOnWriteArrayList<>();
    private final ReaderWatcher watcher;
    private final List<Consumer<CardServiceState>> serviceListeners = new CopyOnWriteArrayList<>();
    /** The last state reported, so that a screen opened after the service went away learns it at once. */
    private final AtomicReference<CardServiceState> service = new AtomicReference<>(new CardServiceState.Running());

    public PcscCardSlot(PcscReaders readers, String reader) {
        this(readers, List.of(reader));
    }

    /**
     * Several readers (e.g. the card reader and a general NFC reader for phones): the first card presented wins, a card
     * on another reader meanwhile waits ({@link FirstCardWins}).
     */
    public PcscCardSlot(PcscReaders readers, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a card slot needs a reader");
        }
        this.readers = readers;
        this.names = List.copyOf(names);
        this.first = new FirstCardWins(this.names);
        this.watcher = new ReaderWatcher().addListener(this::onReaderEvent);
    }

    /** Starts watching; a card already on the reader is reported at once. */
    @Override
    public PcscCardSlot start() {
        watcher.start();
        return this;
    }

    @Override
    public void onCardEvents(Consumer<VisitEvent> sink) {
        this.sink.set(sink);
    }

    private void onReaderEvent(ReaderEvent event) {
        for (FirstCardWins.Outcome outcome : first.on(event)) {
            switch (outcome) {
                case FirstCardWins.Outcome.Placed _ -> sink.get().accept(new VisitEvent.CardPlaced());
                case FirstCardWins.Outcome.Removed _ -> sink.get().accept(new VisitEvent.CardRemoved());
                case FirstCardWins.Outcome.Waiting w -> {
                    if (!w.readers().isEmpty()) {
                        log.info(
                                "card on {} waits: the card on {} is in use",
                                w.readers(),
                                w.active().orElse("?"));
                    }
                    waitingListeners.forEach(listener -> listener.accept(w.readers()));
                }
            }
        }
        switch (event) {
            case ReaderEvent.CardInserted _, ReaderEvent.CardRemoved _ -> log.debug("{}", event);
            case ReaderEvent.ServiceDown(String reason) -> {
                log.warn("card service: {}", reason);
                report(new CardServiceState.Down(reason));
            }
            case ReaderEvent.ServiceUp _ -> {
                if (service.get() instanceof CardServiceState.Down) {
                    log.info("card service answers again");
                }
                report(new CardServiceState.Running());
            }
            case ReaderEvent.ReaderRemoved(String on) when names.contains(on) -> log.warn("reader {} went away", on);
            default -> log.debug("{}", event);
        }
    }

    @Override
    public void onCardService(Consumer<CardServiceState> listener) {
        serviceListeners.add(listener);
        listener.accept(service.get());
    }

    private void report(CardServiceState state) {
        service.set(state);
        serviceListeners.forEach(listener -> listener.accept(state));
    }

    @Override
    public void onWaitingCards(Consumer<List<String>> listener) {
        waitingListeners.add(listener);
    }

    /** The session with the card of the reader that won; the first reader's when none has (yet). */
    @Override
    public SessionOpening connect() {
        return readers.open(first.active().orElse(names.getFirst()));
    }

    @Override
    public String describe() {
        return String.join(" + ", names);
    }

    @Override
    public void close() {
        watcher.close();
    }
}
