package org.uketsuke.eligibility;

/** A value that breaks the rules of its field (length, characters, check digit); the message names the field. */
public final class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
