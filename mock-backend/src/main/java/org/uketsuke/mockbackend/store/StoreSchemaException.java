package org.uketsuke.mockbackend.store;

/** A store's schema cannot be used by this build (newer, or changed elsewhere): start with a fresh state folder. */
public final class StoreSchemaException extends IllegalStateException {

    public StoreSchemaException(String message) {
        super(message);
    }
}
