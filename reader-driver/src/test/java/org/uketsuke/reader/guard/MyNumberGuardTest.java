package org.uketsuke.reader.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.sim.VirtualCardTransport;
import org.uketsuke.reader.sim.MyNumberCardSimulator;

/** Every form of command that could reach the My Number is stopped before it reaches the card. */
class MyNumberGuardTest {

    private static final String SELECT_CARD_FACE = "00A4040C0AD3921000310001010402";
    private static final String SELECT_JPKI = "00A4040C0AD392F000260100000001";

    private final MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
    private final ApduTransport guarded = VirtualCardTransport.open(card);

    private void send(String hex) throws Exception {
        guarded.transmit(CommandApdu.parse(HexFormat.of().parseHex(hex)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00A4040C0AD3921000310001010408", // the 券面事項入力補助AP by full name
        "00A4040C09D39210003100010104", // a partial name that could select it
        "00A4040C05D392100031", // a shorter partial name
        "00A40400" // SELECT by name with no name
    })
    void theApplicationHoldingTheMyNumberCanNeverBeSelected(String apdu) {
        assertThatThrownBy(() -> send(apdu)).isInstanceOf(MyNumberAccessRefused.class);
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00A4020C020005", // SELECT EF 0005 (image of the My Number)
        "00A4020C020013", // SELECT 照合番号A
        "00B0850000", // READ BINARY by SFI 05
        "0020009304" + "30303030" // VERIFY 照合番号A by SFI 13
    })
    void theMyNumberFilesOfTheCardFaceApplicationAreRefused(String apdu) throws Exception {
        send(SELECT_CARD_FACE);
        assertThatThrownBy(() -> send(apdu)).isInstanceOf(MyNumberAccessRefused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00A4020C020001", "00B0810000", "00A4020C02001A", "00A4020C02001B"})
    void theSigningCertificateAndKeyAreRefused(String apdu) throws Exception {
        send(SELECT_JPKI);
        assertThatThrownBy(() -> send(apdu)).isInstanceOf(MyNumberAccessRefused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00A4080C020005", "00A4090C023F00"})
    void selectByPathCannotBypassTheGuard(String apdu) {
        assertThatThrownBy(() -> send(apdu)).isInstanceOf(MyNumberAccessRefused.class);
    }

    @Test
    void whatTheReceptionNeedsStillPasses() throws Exception {
        send(SELECT_JPKI);
        send("00A4020C02000A");
        send("00B0000010");
        send("00B08A0000"); // short-EF READ BINARY of the auth certificate
        send("00A4020C020018");
        send("00200080");
        send(SELECT_CARD_FACE);
        send("00A4020C020012"); // 照合番号B is allowed
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @Test
    void guardingTwiceIsTheSameGuard() {
        assertThat(MyNumberGuard.guard(guarded)).isSameAs(guarded);
    }
}
