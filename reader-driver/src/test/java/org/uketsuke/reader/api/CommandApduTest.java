package org.uketsuke.reader.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Short and extended APDU encodings (ISO/IEC 7816-4 §5.1) both ways. */
class CommandApduTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void shortFormsStayShort() {
        assertThat(HEX.formatHex(CommandApdu.of(0, 0xB0, 0, 0, 256).bytes())).isEqualTo("00B0000000");
        assertThat(HEX.formatHex(CommandApdu.of(0, 0xB0, 1, 2, 0x80).bytes())).isEqualTo("00B0010280");
        assertThat(CommandApdu.of(0, 0xB0, 0, 0, 256).extended()).isFalse();
    }

    @Test
    void anExtendedLeIsThreeBytesWithoutDataAndTwoAfterIt() {
        assertThat(HEX.formatHex(CommandApdu.of(0, 0xB0, 0, 0, 65536).bytes())).isEqualTo("00B00000000000");
        assertThat(HEX.formatHex(CommandApdu.of(0, 0xB0, 0, 0, 1024).bytes())).isEqualTo("00B00000000400");
        byte[] data = new byte[300];
        CommandApdu case4 = new CommandApdu(0x80, 0x2A, 0, 0x80, data, 256);
        String hex = HEX.formatHex(case4.bytes());
        assertThat(hex).startsWith("802A008000012C").endsWith("0100");
        assertThat(case4.bytes()).hasSize(4 + 3 + 300 + 2);
    }

    @Test
    void everyFormParsesBackToTheSameCommand() {
        CommandApdu[] commands = {
            CommandApdu.of(0, 0xA4, 4, 0x0C, Aid.JPKI.bytes()),
            CommandApdu.of(0, 0xB0, 0, 0, 256),
            CommandApdu.of(0, 0xB0, 0x01, 0x00, 65536),
            CommandApdu.of(0, 0xB0, 0x01, 0x00, 300),
            new CommandApdu(0, 0x2A, 0, 0, new byte[1000], CommandApdu.NO_LE),
            new CommandApdu(0, 0x2A, 0, 0, new byte[1000], 65536),
            CommandApdu.of(0, 0x20, 0, 0x80),
        };
        for (CommandApdu command : commands) {
            assertThat(CommandApdu.parse(command.bytes()))
                    .as(command.toString())
                    .isEqualTo(command);
        }
    }

    @Test
    void truncatedExtendedApdusAreRefused() {
        assertThatThrownBy(() -> CommandApdu.parse(HEX.parseHex("00B000000000")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandApdu.parse(HEX.parseHex("00B0000000000501")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandApdu.of(0, 0xB0, 0, 0, 65537)).isInstanceOf(IllegalArgumentException.class);
    }
}
