package org.uketsuke.bridge.store;

/** The レセコン store's schema cannot be used by this build (newer, or changed by hand): a configuration problem. */
public final class StoreSchemaException extends IllegalStateException {

    public StoreSchemaException(String message) {
        super(message);
    }
}
