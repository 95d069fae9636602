package org.uketsuke.reader.jpki;

/** The total length of a DER element from its first bytes (tag + definite length), or -1 when unreadable. */
final class DerLength {

    private DerLength() {}

    static int totalLength(byte[] head) {
        if (head.length < 2 || head[0] != 0x30) {
            return -1;
        }
        int first = head[1] & 0xFF;
        if (first < 0x80) {
            return 2 + first;
        }
        int count = first & 0x7F;
        if (count == 0 || count > 3 || head.length < 2 + count) {
            return -1;
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (head[2 + i] & 0xFF);
        }
        return 2 + count + length;
    }
}
