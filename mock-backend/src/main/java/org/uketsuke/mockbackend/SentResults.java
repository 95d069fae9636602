package org.uketsuke.mockbackend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest confirmation answers as they went out, by the request's ArbitraryFileIdentifier: what a test compares a
 * terminal's result file with, byte for byte. Bounded, the oldest dropped first.
 */
final class SentResults {

    static final int KEPT = 5_000;

    private final Map<String, byte[]> byFileId = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void record(String arbitraryFileIdentifier, byte[] xml) {
        if (arbitraryFileIdentifier != null) {
            byFileId.remove(arbitraryFileIdentifier);
            byFileId.put(arbitraryFileIdentifier, xml.clone());
        }
    }

    synchronized Optional<byte[]> of(String arbitraryFileIdentifier) {
        return Optional.ofNullable(byFileId.get(arbitraryFileIdentifier)).map(byte[]::clone);
    }
}
