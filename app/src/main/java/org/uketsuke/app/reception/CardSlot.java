package org.uketsuke.app.reception;

import java.util.List;
import java.util.function.Consumer;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.reader.api.SessionOpening;

/**
 * The counter's card reader as the visit sees it: it reports card placed/removed and opens a session with the
 * card that is there. Implementations: a PC/SC reader (a real one, or vpcd with the virtual card) and the
 * in-process virtual card.
 */
public interface CardSlot extends AutoCloseable {

    /** Where {@link VisitEvent.CardPlaced} and {@link VisitEvent.CardRemoved} go. */
    void onCardEvents(Consumer<VisitEvent> sink);

    /**
     * Opens a session with the card now on the reader, or says why there is none; every transport is guarded
     * against the My Number.
     */
    SessionOpening connect();

    /**
     * Begins reporting card events to the sink; a card already on the reader is reported at once. The terminal calls
     * it last, once the controller listens, and closes the slot first.
     */
    default CardSlot start() {
        return this;
    }

    /**
     * Where the card service's going away and coming back are reported; a slot without a service of its own (the
     * in-process virtual card) never reports.
     */
    default void onCardService(Consumer<CardServiceState> listener) {}

    /**
     * Where the readers whose card waits while another reader's card is in use are reported (empty: none waits;
     * {@link FirstCardWins}); a slot of one reader never reports.
     */
    default void onWaitingCards(Consumer<List<String>> listener) {}

    /** A short label for the staff screen and logs (reader name). */
    String describe();

    @Override
    void close();
}
