package org.uketsuke.app.terminal;

import java.util.List;
import java.util.Objects;

/**
 * Something the staff console keeps showing about the terminal (a device it could not use at start, a face-folder
 * import problem), worded by the message {@code key} with {@code args}; the same thing is in the log.
 *
 * @param topic notices of one topic replace each other on the console (the 連携アプリ's folder gone, then back: only
 *     the latest stands); empty: the notice stands on its own
 */
public record StaffNotice(String key, List<String> args, String topic) {
    public StaffNotice {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
        topic = topic == null ? "" : topic;
    }

    /** A notice standing on its own. */
    public StaffNotice(String key, List<String> args) {
        this(key, args, "");
    }

    /** Whether this notice takes the place of {@code earlier} (same topic). */
    public boolean replaces(StaffNotice earlier) {
        return !topic.isEmpty() && topic.equals(earlier.topic());
    }
}
