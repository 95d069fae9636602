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
    private final String reader;
    private final AtomicReference<Consumer<VisitEvent>> sink = new AtomicReference<>(event -> {});
    private final ReaderWatcher watcher;
    private final List<Consumer<CardServiceState>> serviceListeners = new CopyOnWriteArrayList<>();
    /** The last state reported, so that a screen opened after the service went away learns it at once. */
    private final AtomicReference<CardServiceState> service = new AtomicReference<>(new CardServiceState.Running());

    public PcscCardSlot(PcscReaders readers, String reader) {
        this.readers = readers;
        this.reader = reader;
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
        switch (event) {
            case ReaderEvent.CardInserted(String on)
            when on.equals(reader) -> sink.get().accept(new VisitEvent.CardPlaced());
            case ReaderEvent.CardRemoved(String on)
            when on.equals(reader) -> sink.get().accept(new VisitEvent.CardRemoved());
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
            case ReaderEvent.ReaderRemoved(String on) when on.equals(reader) -> log.warn("reader {} went away", reader);
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
    public SessionOpening connect() {
        return readers.open(reader);
    }

    @Override
    public String describe() {
        return reader;
    }

    @Override
    public void close() {
        watcher.close();
    }
}
