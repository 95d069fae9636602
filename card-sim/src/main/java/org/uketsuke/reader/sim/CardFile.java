package org.uketsuke.reader.sim;

import java.security.PrivateKey;
import java.util.List;

/** A file of the simulated card: what it holds and what protects it. */
sealed interface CardFile {

    /** A transparent EF; {@code pinFid} ≥ 0 when reading needs that PIN verified first. */
    record Binary(byte[] content, int pinFid) implements CardFile {}

    /** A record EF (READ RECORD, 1-based). */
    record Records(List<byte[]> records) implements CardFile {}

    /** A PIN (reference data) with its retry counter, kept in {@link PinState}. */
    record Pin(String value, int maxTries) implements CardFile {}

    /** A private key usable with COMPUTE DIGITAL SIGNATURE once {@code pinFid} is verified. */
    record Key(PrivateKey key, int pinFid) implements CardFile {}
}
