package org.uketsuke.reader.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A command APDU (ISO/IEC 7816-4 §5.1): CLA INS P1 P2 [Lc data] [Le]. {@code le} is the expected response length,
 * 1–65536, or {@link #NO_LE} for none. Short form while data ≤ 255 bytes and Le ≤ 256 (256 encoded as {@code 00});
 * extended form otherwise ({@code 00} then 2-byte Lc and/or Le, 65536 encoded as {@code 00 00}), which only some
 * readers and cards accept.
 */
public record CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int le) {

    public static final int NO_LE = -1;
    /** The largest Le of an extended APDU ({@code 00 00}). */
    public static final int MAX_EXTENDED_LE = 65536;

    public CommandApdu {
        data = data == null ? new byte[0] : data.clone();
        if (data.length > 65535) {
            throw new IllegalArgumentException("APDU data is at most 65535 bytes: " + data.length);
        }
        if (le != NO_LE && (le < 1 || le > MAX_EXTENDED_LE)) {
            throw new IllegalArgumentException("Le must be 1–65536: " + le);
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

    /** Parses the bytes of an APDU, short or extended (cases 1–4, 2E–4E). */
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
        if (first == 0) {
            return parseExtended(apdu, cla, ins, p1, p2);
        }
        if (apdu.length < 5 + first) {
            throw new IllegalArgumentException("not an APDU (Lc " + first + ", length " + apdu.length + ")");
        }
        byte[] data = Arrays.copyOfRange(apdu, 5, 5 + first);
        if (apdu.length == 5 + first) {
            return new CommandApdu(cla, ins, p1, p2, data, NO_LE);
        }
        if (apdu.length == 6 + first) {
            int le = apdu[5 + first] & 0xFF;
            return new CommandApdu(cla, ins, p1, p2, data, le == 0 ? 256 : le);
        }
        throw new IllegalArgumentException("trailing bytes after Le");
    }

    private static CommandApdu parseExtended(byte[] apdu, int cla, int ins, int p1, int p2) {
        if (apdu.length < 7) {
            throw new IllegalArgumentException("an extended APDU has a 3-byte length field");
        }
        int n = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
        if (apdu.length == 7) {
            return new CommandApdu(cla, ins, p1, p2, null, n == 0 ? MAX_EXTENDED_LE : n);
        }
        if (n == 0 || apdu.length < 7 + n) {
            throw new IllegalArgumentException("not an extended APDU (Lc " + n + ", length " + apdu.length + ")");
        }
        byte[] data = Arrays.copyOfRange(apdu, 7, 7 + n);
        if (apdu.length == 7 + n) {
            return new CommandApdu(cla, ins, p1, p2, data, NO_LE);
        }
        if (apdu.length == 9 + n) {
            int le = ((apdu[7 + n] & 0xFF) << 8) | (apdu[8 + n] & 0xFF);
            return new CommandApdu(cla, ins, p1, p2, data, le == 0 ? MAX_EXTENDED_LE : le);
        }
        throw new IllegalArgumentException("trailing bytes after the extended Le");
    }

    /** Whether this needs the extended form (data over 255 bytes or Le over 256). */
    public boolean extended() {
        return data.length > 255 || le > 256;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * Zeroes this APDU's data in place: called after a VERIFY has been sent, so the PIN does not stay in memory with
     * the object. (The copies javax.smartcardio makes on its way to pcscd are outside our reach.)
     */
    public void wipe() {
        Arrays.fill(data, (byte) 0);
    }

    public byte[] bytes() {
        boolean extended = extended();
        int lcField = data.length == 0 ? 0 : extended ? 3 : 1;
        int leField = le == NO_LE ? 0 : extended ? (data.length == 0 ? 3 : 2) : 1;
        byte[] out = new byte[4 + lcField + data.length + leField];
        out[0] = (byte) cla;
        out[1] = (byte) ins;
        out[2] = (byte) p1;
        out[3] = (byte) p2;
        int at = 4;
        if (data.length > 0) {
            if (extended) {
                out[at++] = 0;
                out[at++] = (byte) (data.length >> 8);
            }
            out[at++] = (byte) data.length;
            System.arraycopy(data, 0, out, at, data.length);
            at += data.length;
        }
        if (le != NO_LE) {
            if (extended) {
                if (data.length == 0) {
                    out[at++] = 0;
                }
                int encoded = le == MAX_EXTENDED_LE ? 0 : le;
                out[at++] = (byte) (encoded >> 8);
                out[at] = (byte) encoded;
            } else {
                out[at] = (byte) (le == 256 ? 0 : le);
            }
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
        return other instanceof CommandApdu c && Arrays.equals(bytes(), c.bytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes());
    }

    /** Hex of the header, for diagnostics. */
    public String header() {
        return HexFormat.of().withUpperCase().formatHex(new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2});
    }
}
