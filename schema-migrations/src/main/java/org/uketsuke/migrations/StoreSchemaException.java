package org.uketsuke.migrations;

/**
 * A store's schema cannot be used by this build (newer, or an applied migration changed by hand): a configuration
 * problem, never a patient message.
 */
public final class StoreSchemaException extends IllegalStateException {

    public StoreSchemaException(String message) {
        super(message);
    }
}
