package org.uketsuke.eligibility;

import java.util.Arrays;

/**
 * A result message exactly as the national system sent it (bytes in its own character set), kept so the レセコン gets
 * it whole: what Uketsuke does not model still arrives (docs/rececon-integration.md#face-folder).
 */
public final class ReceivedMessage {

    private final byte[] bytes;

    public ReceivedMessage(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidValueException("XmlMsg", "empty message");
        }
        this.bytes = bytes.clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedMessage m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[" + bytes.length + " bytes]";
    }
}
