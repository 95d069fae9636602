package org.uketsuke.reader.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlvTest {

    @Test
    void valuesOfEveryLengthFormRoundTrip() {
        for (int length : new int[] {0, 1, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 70_000}) {
            Tlv element = new Tlv(0xDF27, new byte[length]);
            List<Tlv> back = Tlv.parseAll(element.encode());
            assertThat(back).hasSize(1);
            assertThat(back.getFirst().value()).hasSize(length);
            assertThat(Tlv.totalLength(element.encode())).isEqualTo(element.encode().length);
        }
    }

    @Test
    void aLengthThatRunsPastTheDataIsATypedError() {
        assertThatThrownBy(() -> Tlv.parseAll(new byte[] {(byte) 0xDF, 0x22, (byte) 0x82, 0x10, 0x00, 0x01}))
                .isInstanceOf(TlvFormatException.class)
                .hasMessageContaining("runs past");
        assertThatThrownBy(() -> Tlv.parseAll(new byte[] {0x5F})).isInstanceOf(TlvFormatException.class);
        assertThat(Tlv.totalLength(new byte[] {(byte) 0xFF})).isEqualTo(-1);
    }
}
