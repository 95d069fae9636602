package org.uketsuke.reader.api;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A short command APDU (ISO/IEC 7816-4): CLA INS P1 P2 [Lc data] [Le]. {@code le} is the expected response length,
 * 1–256 (256 encoded as {@code 00}), or {@link #NO_LE} for none.
 */
public record CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int le) {

    public static final int NO_LE = -1;

    public CommandApdu {
        data = data == null ? new byte[0] : data.clone();
        if (data.length > 255) {
            throw new IllegalArgumentException("short APDU data is at most 255 bytes: " + data.length);
        }
        if (le != NO_LE && (le < 1 || le > 256)) {
            throw new IllegalArgumentException("Le must be 1–256: " + le);
        }
        for (int b : new int[] {cla, ins, p1, p2}) {
            if (b < 0 || b > 0xFF) {
                throw new IllegalArgumentException("header byte out of range: " + b);
            }
        }
    }

    public static CommandApdu of(int cla, int ins, int p1, int p2) {
        return new CommandApdu(cla, ins, p1, p2, null, NO_LE);
    }

    public static CommandApdu of(int cla, int ins, int p1, int p2, byte[] data) {
        return new CommandApdu(cla, ins, p1, p2, data, NO_LE);
    }

    public static CommandApdu of(int cla, int ins, int p1, int p2, int le) {
        return new CommandApdu(cla, ins, p1, p2, null, le);
    }

    /** Parses the bytes of a short APDU (cases 1–4). */
    public static CommandApdu parse(byte[] apdu) {
        Objects.requireNonNull(apdu, "apdu");
        if (apdu.length < 4) {
            throw new IllegalArgumentException("an APDU has at least 4 bytes");
        }
        int cla = apdu[0] & 0xFF, ins = apdu[1] & 0xFF, p1 = apdu[2] & 0xFF, p2 = apdu[3] & 0xFF;
        if (apdu.length == 4) {
            return new CommandApdu(cla, ins, p1, p2, null, NO_LE);
        }
        int first = apdu[4] & 0xFF;
        if (apdu.length == 5) {
            return new CommandApdu(cla, ins, p1, p2, null, first == 0 ? 256 : first);
        }
        if (first == 0 || apdu.length < 5 + first) {
            throw new IllegalArgumentException("not a short APDU (Lc " + first + ", length " + apdu.length + ")");
        }
        byte[] data = java.util.Arrays.copyOfRange(apdu, 5, 5 + first);
        if (apdu.length == 5 + first) {
            return new CommandApdu(cla, ins, p1, p2, data, NO_LE);
        }
        if (apdu.length == 6 + first) {
            int le = apdu[5 + first] & 0xFF;
            return new CommandApdu(cla, ins, p1, p2, data, le == 0 ? 256 : le);
        }
        throw new IllegalArgumentException("trailing bytes after Le");
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] bytes() {
        int length = 4 + (data.length > 0 ? 1 + data.length : 0) + (le != NO_LE ? 1 : 0);
        byte[] out = new byte[length];
        out[0] = (byte) cla;
        out[1] = (byte) ins;
        out[2] = (byte) p1;
        out[3] = (byte) p2;
        int at = 4;
        if (data.length > 0) {
            out[at++] = (byte) data.length;
            System.arraycopy(data, 0, out, at, data.length);
            at += data.length;
        }
        if (le != NO_LE) {
            out[at] = (byte) (le == 256 ? 0 : le);
        }
        return out;
    }

    /** Header only: data may be a PIN or a digest, so it never goes to a log. */
    @Override
    public String toString() {
        return String.format("APDU[%02X %02X %02X %02X, Lc=%d, Le=%d]", cla, ins, p1, p2, data.length, le);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommandApdu c && java.util.Arrays.equals(bytes(), c.bytes());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes());
    }

    /** Hex of the header, for diagnostics. */
    public String header() {
        return HexFormat.of().withUpperCase().formatHex(new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2});
    }
}
