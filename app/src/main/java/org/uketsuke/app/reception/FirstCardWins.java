package org.uketsuke.app.reception;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.uketsuke.reader.api.ReaderEvent;

/**
 * Several readers at one kiosk (the card reader and a general NFC reader for phones): the first card or phone
 * presented wins. A card placed on another reader while one is in use is not read: it waits (the kiosk says so) and
 * becomes the next visit's card if it is still there when the first leaves. Pure: fed the reader watcher's events in
 * order, it answers what the visit and the screen learn. One instance per slot, on the watcher's thread.
 */
final class FirstCardWins {

    /** What follows from a reader event. */
    sealed interface Outcome {
        /** This reader's card is the visit's card now. */
        record Placed(String reader) implements Outcome {}

        /** The visit's card left this reader. */
        record Removed(String reader) implements Outcome {}

        /** Cards wait on these readers while {@code active}'s card is in use (empty: none waits). */
        record Waiting(List<String> readers, Optional<String> active) implements Outcome {
            public Waiting {
                readers = List.copyOf(readers);
            }
        }
    }

    private final Set<String> configured;
    private final LinkedHashSet<String> waiting = new LinkedHashSet<>();
    private String active;

    /** @param readers the kiosk's readers, in the configuration's order */
    FirstCardWins(List<String> readers) {
        this.configured = Set.copyOf(readers);
    }

    /** The reader whose card the visit uses, if any. */
    Optional<String> active() {
        return Optional.ofNullable(active);
    }

    List<Outcome> on(ReaderEvent event) {
        List<Outcome> out = new ArrayList<>();
        switch (event) {
            case ReaderEvent.CardInserted(String on)
            when configured.contains(on) -> {
                if (active == null) {
                    active = on;
                    out.add(new Outcome.Placed(on));
                } else if (!on.equals(active) && waiting.add(on)) {
                    out.add(waitingNow());
                }
            }
            case ReaderEvent.CardRemoved(String on)
            when configured.contains(on) -> {
                if (on.equals(active)) {
                    active = null;
                    out.add(new Outcome.Removed(on));
                    // The card that waited longest is next; the screen no longer shows it waiting.
                    if (!waiting.isEmpty()) {
                        String next = waiting.removeFirst();
                        active = next;
                        out.add(waitingNow());
                        out.add(new Outcome.Placed(next));
                    }
                } else if (waiting.remove(on)) {
                    out.add(waitingNow());
                }
            }
            default -> {}
        }
        return out;
    }

    private Outcome.Waiting waitingNow() {
        return new Outcome.Waiting(List.copyOf(waiting), Optional.ofNullable(active));
    }
}
