package org.uketsuke.reader.api;

import java.util.List;

/**
 * What a reader watcher reports: readers coming and going, cards placed and taken off, and the card service itself
 * stopping and coming back. Listeners can rebuild the whole picture from these alone: before {@link ServiceDown} every
 * card present is reported removed and every reader removed; after {@link ServiceUp} they are reported again.
 */
public sealed interface ReaderEvent {

    /** A reader appeared (plugged in, or seen at the start of watching). */
    record ReaderAdded(String reader) implements ReaderEvent {}

    /** A reader went away (unplugged, or the service that knew it stopped). */
    record ReaderRemoved(String reader) implements ReaderEvent {}

    /** A card is now on {@code reader} (placed, or already there when watching started). */
    record CardInserted(String reader) implements ReaderEvent {}

    /** The card was taken off {@code reader}, or can no longer be seen there. */
    record CardRemoved(String reader) implements ReaderEvent {}

    /** The card service (pcscd, SCardSvr) does not answer; {@code reason} says why in words an operator can act on. */
    record ServiceDown(String reason) implements ReaderEvent {}

    /** The card service answers (again); {@code readers} as it lists them. */
    record ServiceUp(List<String> readers) implements ReaderEvent {
        public ServiceUp {
            readers = List.copyOf(readers);
        }
    }
}
