package org.uketsuke.reader.api;

import java.util.Arrays;

/** A response APDU: data followed by the status word SW1 SW2. */
public record ResponseApdu(byte[] data, int sw1, int sw2) {

    public static final int SW_OK = 0x9000;

    public ResponseApdu {
        data = data == null ? new byte[0] : data.clone();
    }

    public static ResponseApdu parse(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            throw new IllegalArgumentException("a response has at least SW1 SW2");
        }
        int n = bytes.length;
        return new ResponseApdu(Arrays.copyOf(bytes, n - 2), bytes[n - 2] & 0xFF, bytes[n - 1] & 0xFF);
    }

    public static ResponseApdu status(int sw) {
        return new ResponseApdu(null, (sw >> 8) & 0xFF, sw & 0xFF);
    }

    public static ResponseApdu ok(byte[] data) {
        return new ResponseApdu(data, 0x90, 0x00);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int sw() {
        return (sw1 << 8) | sw2;
    }

    public boolean ok() {
        return sw() == SW_OK;
    }

    public byte[] bytes() {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) sw1;
        out[data.length + 1] = (byte) sw2;
        return out;
    }

    @Override
    public String toString() {
        return String.format("RAPDU[%d bytes, SW=%04X]", data.length, sw());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResponseApdu r && Arrays.equals(bytes(), r.bytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes());
    }
}
