package org.uketsuke.app.terminal;

import java.util.List;
import java.util.Objects;

/**
 * Something the staff console keeps showing about the terminal as it started (a device it could not use), worded by
 * the message {@code key} with {@code args}; the same thing is in the log.
 */
public record StaffNotice(String key, List<String> args) {
    public StaffNotice {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }
}
