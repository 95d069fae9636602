package org.uketsuke.reader.tlv;

/**
 * BER-TLV bytes that break the encoding (ISO/IEC 7816-4 §5.2): a missing tag or length, an unsupported length form, or
 * a length that runs past the data. The only exception {@link Tlv}'s parsing throws for bad input.
 */
public final class TlvFormatException extends IllegalArgumentException {

    public TlvFormatException(String message) {
        super(message);
    }
}
