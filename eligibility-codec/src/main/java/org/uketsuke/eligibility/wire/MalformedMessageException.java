package org.uketsuke.eligibility.wire;

/** A message that is not well-formed XML, declares a DTD/entities, or lacks a required element. */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedMessageException(String message) {
        super(message);
    }
}
