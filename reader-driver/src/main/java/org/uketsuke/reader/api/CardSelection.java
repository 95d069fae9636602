package org.uketsuke.reader.api;

import java.util.OptionalInt;

/**
 * The application, and the EF in it, that a session's own commands made current with answers that leave no doubt.
 *
 * @param application the current application
 * @param file the current EF of that application, or empty when none was selected since the application was
 */
public record CardSelection(Aid application, OptionalInt file) {

    /** Whether {@code application} is current. */
    public boolean isIn(Aid application) {
        return this.application == application;
    }

    /** Whether {@code application} is current with its EF {@code fid}. */
    public boolean isAt(Aid application, int fid) {
        return this.application == application && file.equals(OptionalInt.of(fid));
    }
}
