package org.uketsuke.eligibility;

import java.util.Arrays;

/** What asking for a nonce ended in. Sealed: callers handle every case. */
public sealed interface NonceOutcome permits NonceOutcome.Issued, Unavailable {

    /** A fresh single-use nonce (at least 16 bytes) for the card or the terminal to sign. */
    record Issued(byte[] nonce) implements NonceOutcome {
        public Issued {
            if (nonce.length < 16) {
                throw new IllegalArgumentException("a nonce has at least 16 bytes, not " + nonce.length);
            }
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Issued issued && Arrays.equals(nonce, issued.nonce);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(nonce);
        }

        @Override
        public String toString() {
            return "Issued[" + nonce.length + " bytes]";
        }
    }
}
