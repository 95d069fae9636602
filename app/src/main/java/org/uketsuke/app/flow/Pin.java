package org.uketsuke.app.flow;

import java.util.Arrays;

/**
 * The auth PIN on its way from the pad to the card's VERIFY: the digits in a {@code char[]} that the step verifying
 * it wipes ({@link #clear}) as soon as the command is sent, never a {@link String} (which cannot be wiped and may be
 * interned or logged). {@link #toString} never shows a digit.
 */
public final class Pin {

    private final char[] digits;
    private boolean cleared;

    private Pin(char[] digits) {
        this.digits = digits;
    }

    /** Takes a copy of {@code digits}; the caller wipes its own array. */
    public static Pin of(char[] digits) {
        return new Pin(digits.clone());
    }

    /** From text: only for PINs that are no secret (the demo card's, tests). */
    public static Pin of(String digits) {
        return new Pin(digits.toCharArray());
    }

    /** The digits themselves, for the VERIFY command only; empty once cleared. */
    public synchronized char[] digits() {
        return cleared ? new char[0] : digits;
    }

    /** Overwrites the digits; the PIN cannot be read again. */
    public synchronized void clear() {
        Arrays.fill(digits, '\0');
        cleared = true;
    }

    public synchronized boolean isCleared() {
        return cleared;
    }

    /** Equal digits (compared in constant time), so flows can be compared in tests; a cleared PIN equals none. */
    @Override
    public synchronized boolean equals(Object other) {
        if (!(other instanceof Pin that) || cleared || that.isCleared()) {
            return this == other;
        }
        char[] theirs = that.digits();
        if (theirs.length != digits.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < digits.length; i++) {
            difference |= digits[i] ^ theirs[i];
        }
        return difference == 0;
    }

    @Override
    public int hashCode() {
        return Pin.class.hashCode();
    }

    @Override
    public String toString() {
        return "Pin[****]";
    }
}
