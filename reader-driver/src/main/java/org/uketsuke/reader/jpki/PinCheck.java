package org.uketsuke.reader.jpki;

/** The outcome of VERIFY on the auth PIN. */
public sealed interface PinCheck {

    /** Accepted; stays in force until the card is reset. */
    record Verified() implements PinCheck {}

    /** Refused; {@code triesLeft} ≥ 1 (the try that exhausts the counter is {@link Blocked}). */
    record Wrong(int triesLeft) implements PinCheck {}

    /** No tries left (63C0 or 6984): only a municipal office can reset it. */
    record Blocked() implements PinCheck {}

    /** The card went away. */
    record CardRemoved() implements PinCheck {}

    /** Not a 4-digit PIN (refused before anything was sent), or an unexpected status word. */
    record Failed(String step, int sw) implements PinCheck {}
}
