package org.uketsuke.app.reception;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;
import org.uketsuke.reader.api.SessionOpening;

/**
 * A slot for a card held in this process (the training package's virtual My Number card), "placed" and "removed" by
 * calls — the staff screen's demo buttons, a soak run. Once the card is removed every session answers card-gone.
 */
public final class VirtualCardSlot implements CardSlot {

    /** The card in the slot: powered up afresh on each insertion, talked to without a reader. */
    public interface Card {

        /** A power-up, as a physical insertion is. */
        void reset();

        /** A session with the card. */
        ApduTransport open();
    }

    private final Card card;
    private final AtomicReference<Consumer<VisitEvent>> sink = new AtomicReference<>(event -> {});
    private volatile boolean present;
    private final AtomicLong insertion = new AtomicLong();
    private volatile SessionOpening.Refused refusal;

    public VirtualCardSlot(Card card) {
        this.card = card;
    }

    @Override
    public void onCardEvents(Consumer<VisitEvent> sink) {
        this.sink.set(sink);
    }

    /** Puts the card on the reader: a fresh power-up, as a physical insertion is. */
    public void insert() {
        if (present) {
            return;
        }
        card.reset();
        insertion.incrementAndGet();
        present = true;
        sink.get().accept(new VisitEvent.CardPlaced());
    }

    /** Takes it off. */
    public void remove() {
        if (!present) {
            return;
        }
        present = false;
        sink.get().accept(new VisitEvent.CardRemoved());
    }

    public boolean present() {
        return present;
    }

    @Override
    public SessionOpening connect() {
        SessionOpening.Refused refusal = this.refusal;
        if (refusal != null) {
            return refusal;
        }
        if (!present) {
            return new SessionOpening.NoCard("no card on the virtual reader");
        }
        long session = insertion.get();
        ApduTransport inner = card.open();
        return new SessionOpening.Open(new ApduTransport() {
            @Override
            public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
                if (!present || session != insertion.get()) {
                    throw new CardGoneException("the card was removed");
                }
                return inner.transmit(command);
            }

            @Override
            public void close() {
                inner.close();
            }
        });
    }

    /**
     * Makes every session request answer {@code refusal} — another program holding the card, the card service
     * down, the reader gone — as a real reader can, to train staff and to test what the patient is told; null lets
     * sessions open again.
     */
    public void refuseSessions(SessionOpening.Refused refusal) {
        this.refusal = refusal;
    }

    @Override
    public String describe() {
        return "virtual card (in-process)";
    }

    @Override
    public void close() {
        present = false;
    }
}
