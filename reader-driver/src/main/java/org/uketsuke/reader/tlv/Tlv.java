package org.uketsuke.reader.tlv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * BER-TLV as the card-face AP uses it (ISO/IEC 7816-4 §5.2): tags of one or two bytes (second byte when the first
 * ends in 1F), definite lengths in short or long form. Parsing is bounded by the buffer: a lying length is an error,
 * and every error is a {@link TlvFormatException}.
 */
public record Tlv(int tag, byte[] value) {

    public Tlv {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag & 0xFF);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n <= 0xFF) {
            out.write(0x81);
            out.write(n);
        } else if (n <= 0xFFFF) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        } else if (n <= 0xFF_FFFF) {
            // Found by TlvTest: a 64 KiB value used to get a 2-byte length with its top byte cut off.
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xFF);
            out.write(n & 0xFF);
        } else {
            throw new IllegalArgumentException("a value over 16 MiB has no 3-byte BER length");
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** A constructed element holding the given children. */
    public static Tlv of(int tag, List<Tlv> children) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        children.forEach(c -> out.writeBytes(c.encode()));
        return new Tlv(tag, out.toByteArray());
    }

    /** Total length (tag + length + value) of the element that starts these bytes, or -1 if the header is incomplete. */
    public static int totalLength(byte[] head) {
        try {
            Header h = header(head, 0);
            return h.valueStart + h.length;
        } catch (TlvFormatException e) {
            return -1;
        }
    }

    /** Every element in sequence. */
    public static List<Tlv> parseAll(byte[] bytes) {
        List<Tlv> all = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            Header h = header(bytes, at);
            if (h.valueStart + h.length > bytes.length) {
                throw new TlvFormatException("TLV " + Integer.toHexString(h.tag) + " runs past the data");
            }
            all.add(new Tlv(h.tag, Arrays.copyOfRange(bytes, h.valueStart, h.valueStart + h.length)));
            at = h.valueStart + h.length;
        }
        return all;
    }

    public Optional<Tlv> child(int childTag) {
        return parseAll(value).stream().filter(t -> t.tag == childTag).findFirst();
    }

    private record Header(int tag, int valueStart, int length) {}

    private static Header header(byte[] b, int at) {
        if (at >= b.length) {
            throw new TlvFormatException("no tag");
        }
        int tag = b[at++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            if (at >= b.length) {
                throw new TlvFormatException("truncated tag");
            }
            tag = (tag << 8) | (b[at++] & 0xFF);
        }
        if (at >= b.length) {
            throw new TlvFormatException("no length");
        }
        int first = b[at++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 3 || at + count > b.length) {
                throw new TlvFormatException("bad length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (b[at++] & 0xFF);
            }
        }
        return new Header(tag, at, length);
    }
}
