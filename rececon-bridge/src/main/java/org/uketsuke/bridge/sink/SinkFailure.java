package org.uketsuke.bridge.sink;

/** A sink could not take an entry (disk full, folder missing or read-only, database down). */
public final class SinkFailure extends Exception {

    public SinkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
