package org.uketsuke.reader.tlv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;

/**
 * BER-TLV from a card is untrusted: {@link Tlv#parseAll}, {@link Tlv#child} and {@link Tlv#totalLength} either work
 * or throw {@link TlvFormatException}; whatever parses re-encodes to an element that parses back the same.
 */
class TlvFuzzTest {

    @Test
    void tlvParsesOrIsRefusedWithATypedError() {
        FuzzReport report = Fuzzer.target("Tlv")
                .dictionary(
                        new byte[] {(byte) 0xFF, 0x20},
                        new byte[] {(byte) 0xDF, 0x22},
                        new byte[] {(byte) 0xDF, 0x27},
                        new byte[] {(byte) 0x81},
                        new byte[] {(byte) 0x82, 0x01, 0x00},
                        new byte[] {(byte) 0x83, 0x7F, (byte) 0xFF, (byte) 0xFF},
                        new byte[] {(byte) 0x84, 0x00, 0x00, 0x00, 0x01},
                        new byte[] {(byte) 0x80},
                        new byte[] {0x1F})
                .allow(TlvFormatException.class)
                .run(bytes -> {
                    int total = Tlv.totalLength(bytes);
                    List<Tlv> all = Tlv.parseAll(bytes);
                    for (Tlv element : all) {
                        for (int tag : new int[] {0xDF21, 0xDF22, 0xDF24, 0xDF27, 0xDF29}) {
                            var _ = element.child(tag).map(Tlv::value);
                        }
                        List<Tlv> again = Tlv.parseAll(element.encode());
                        if (again.size() != 1
                                || again.getFirst().tag() != element.tag()
                                || !Arrays.equals(again.getFirst().value(), element.value())) {
                            throw new AssertionError(
                                    "re-encoding " + Integer.toHexString(element.tag()) + " changed it");
                        }
                    }
                    return (total < 0 ? "no-header " : "header ") + Math.min(all.size(), 3);
                });
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }
}
