package org.uketsuke.reader.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardSelection;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/** Every form of command that could reach the My Number is stopped before it reaches the card. */
class MyNumberGuardTest {

    private static final String SELECT_CARD_FACE = "00A4040C0AD3921000310001010402";
    private static final String SELECT_JPKI = "00A4040C0AD392F000260100000001";
    private static final String SELECT_COMMON = "00A4040C0AD3921000310001010100";
    private static final String SHA256_DIGEST_INFO_OF_ZEROS = "3031300D060960864801650304020105000420"
            + "0000000000000000000000000000000000000000000000000000000000000000";

    private final MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
    private final ApduTransport guarded = VirtualCardTransport.open(card);

    private ResponseApdu send(String hex) throws Exception {
        return guarded.transmit(CommandApdu.parse(HexFormat.of().parseHex(hex)));
    }

    private void assertRefusedBeforeTheCard(String apdu) {
        long before = card.commandCount();
        assertThatThrownBy(() -> send(apdu)).isInstanceOf(MyNumberAccessRefused.class);
        assertThat(card.commandCount())
                .as("nothing of %s reached the card", apdu)
                .isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "00A4040C0AD3921000310001010408", // the 券面事項入力補助AP by full name
                "00A404000AD392100031000101040800", // … by full name, returning FCI
                "00A4040C09D39210003100010104", // a partial name that could select it
                "00A4040C05D392100031", // a shorter partial name
                "00A4040C0BD392100031000101040800", // a longer name starting with it
                "00A40400", // SELECT by name with no name
                "00A4040C0AD3921000310001010401", // the 住基 AP (住民票コード)
                "00A4040C0AD3921000310001010499", // an unknown application
                "00A4040E0AD3921000310001010402" // the card-face AP, but "next occurrence"
            })
    void onlyTheApplicationsTheReceptionNeedsCanBeSelected(String apdu) {
        assertRefusedBeforeTheCard(apdu);
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "00A4020C020005", // SELECT EF 0005 (image of the My Number)
                "00A4020002000500", // … asking for the FCI
                "00A4020C020013", // SELECT 照合番号A
                "00B0850000", // READ BINARY by SFI 05
                "00B0930000", // READ BINARY by SFI 13
                "00B2012C00", // READ RECORD by SFI 05
                "0020009304" + "30303030", // VERIFY 照合番号A by SFI 13
                "00200093", // its retry counter by SFI
                "00200014", // VERIFY with a global reference
                "00B1000504" + "5402000000" // READ BINARY odd INS: names the EF by its full id
            })
    void theMyNumberFilesOfTheCardFaceApplicationAreRefused(String apdu) throws Exception {
        send(SELECT_CARD_FACE);
        assertRefusedBeforeTheCard(apdu);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "00A4020C020001", // the signing certificate (name, address)
                "00B0810000", // … by SFI
                "00B2010C00", // … by SFI in READ RECORD
                "00A4020C02001A", // the signing key
                "00A4020C02001B", // the signing password
                "0020009B", // the signing password's counter by SFI
                "802A009A33" + SHA256_DIGEST_INFO_OF_ZEROS + "00" // sign with the signing key 001A by SFI
            })
    void theSigningCertificateKeyAndPasswordAreRefused(String apdu) throws Exception {
        send(SELECT_JPKI);
        assertRefusedBeforeTheCard(apdu);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "01A4040C0AD3921000310001010402", // the card-face AP on logical channel 1
                "01A4020C020005", // EF 0005 on channel 1, where the guard does not follow the selection
                "0CB0000010", // secure messaging
                "10A4020C02000A", // command chaining
                "80A4020C02000A", // SELECT in the proprietary class
                "0070000001", // MANAGE CHANNEL
                "00D6000001FF", // UPDATE BINARY
                "00CA010100" // GET DATA
            })
    void otherClassesChannelsAndInstructionsAreRefused(String apdu) throws Exception {
        send(SELECT_JPKI);
        send("00A4020C02000A");
        assertRefusedBeforeTheCard(apdu);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00A4080C020005", "00A4090C023F00", "00A4000C023F00", "00A40000", "00A4010C020005"})
    void selectByPathOrFromTheMfCannotBypassTheTracking(String apdu) {
        assertRefusedBeforeTheCard(apdu);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00B0000010", "00200080", "00B2010400", "802A008033" + SHA256_DIGEST_INFO_OF_ZEROS + "00"})
    void theCurrentEfIsNotTrustedUntilThisSessionSelectedOne(String apdu) throws Exception {
        // Another program may have left any file current: a session starts with none of ours.
        assertRefusedBeforeTheCard(apdu);
        send(SELECT_CARD_FACE);
        assertRefusedBeforeTheCard(apdu);
    }

    @Test
    void filesOfOneApplicationAreNotReachableUnderAnother() throws Exception {
        send(SELECT_JPKI);
        assertRefusedBeforeTheCard("00A4020C020012"); // 照合番号B exists only under the card-face AP
        send(SELECT_COMMON);
        assertRefusedBeforeTheCard("00A4020C02000A");
        send("00A4020C020001"); // the common AP's record EF 0001 is fine there
        send(SELECT_JPKI);
        assertRefusedBeforeTheCard("00A4020C020001"); // … the same id under JPKI is the signing certificate
    }

    @Test
    void theApplicationsOwnKeyIsOnlyUsedInTheCardFaceApplication() throws Exception {
        String presenceProof = "802A000033" + SHA256_DIGEST_INFO_OF_ZEROS + "00";
        send(SELECT_JPKI);
        assertRefusedBeforeTheCard(presenceProof);
        send(SELECT_CARD_FACE);
        long before = card.commandCount();
        send(presenceProof);
        assertThat(card.commandCount()).isEqualTo(before + 1);
    }

    @Test
    void whatTheReceptionNeedsStillPasses() throws Exception {
        send(SELECT_JPKI);
        assertThat(send("00A4020C020006").sw()).isEqualTo(0x9000);
        assertThat(send("00B0000020").sw()).isEqualTo(0x9000);
        send("00A4020C02000A");
        assertThat(send("00B0000010").sw()).isEqualTo(0x9000);
        assertThat(send("00B08A0000").sw())
                .as("short-EF READ BINARY of the auth certificate")
                .isEqualTo(0x9000);
        assertThat(send("00B08B0000").sw())
                .as("short-EF READ BINARY of the auth CA certificate")
                .isEqualTo(0x9000);
        assertThat(send("00B0880000").data())
                .as("certificate availability by SFI")
                .hasSize(3);
        send("00A4020C020018");
        assertThat(send("00200080").sw()).isEqualTo(0x63C3);
        assertThat(send("00200098").sw()).as("the auth PIN counter by SFI").isEqualTo(0x63C3);
        send(SELECT_CARD_FACE);
        send("00A4020C020012"); // 照合番号B is allowed
        assertThat(send("0084000010").data()).hasSize(16);
        send(SELECT_COMMON);
        send("00A4020C020001");
        assertThat(send("00B2010400").sw()).isEqualTo(0x9000);
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @Test
    void aSelectWithAnUnclearAnswerKeepsBothApplicationsInMind() throws Exception {
        // A byte-level card that selects JPKI, then answers the card-face select with a memory error (6581):
        // the card may now be in either application, so only files allowed in both may be touched.
        List<String> sent = new ArrayList<>();
        ApduTransport unclear = MyNumberGuard.guard(new ApduTransport() {
            @Override
            public ResponseApdu transmit(CommandApdu command) {
                sent.add(HexFormat.of().withUpperCase().formatHex(command.bytes()));
                return ResponseApdu.status(
                        command.bytes().length == 15 && command.bytes()[14] == 0x02 ? 0x6581 : 0x9000);
            }

            @Override
            public void close() {}
        });
        unclear.transmit(CommandApdu.parse(HexFormat.of().parseHex(SELECT_JPKI)));
        unclear.transmit(CommandApdu.parse(HexFormat.of().parseHex(SELECT_CARD_FACE)));
        for (String apdu : List.of("00A4020C02000A", "00A4020C020012", "00A4020C020005")) {
            assertThatThrownBy(() ->
                            unclear.transmit(CommandApdu.parse(HexFormat.of().parseHex(apdu))))
                    .isInstanceOf(MyNumberAccessRefused.class);
        }
        assertThat(sent).containsExactly(SELECT_JPKI, SELECT_CARD_FACE);
        unclear.transmit(CommandApdu.parse(HexFormat.of().parseHex(SELECT_JPKI)));
        unclear.transmit(CommandApdu.parse(HexFormat.of().parseHex("00A4020C02000A")));
        assertThat(sent).hasSize(4);
    }

    @Test
    void guardingTwiceIsTheSameGuard() {
        assertThat(MyNumberGuard.guard(guarded)).isSameAs(guarded);
    }

    @Test
    void theSelectionIsKnownOnlyAfterAnswersThatLeaveNoDoubt() throws Exception {
        assertThat(guarded.knownSelection())
                .as("nothing selected in this session")
                .isEmpty();
        assertThat(send(SELECT_JPKI).sw()).isEqualTo(0x9000);
        assertThat(guarded.knownSelection()).contains(new CardSelection(Aid.JPKI, OptionalInt.empty()));
        assertThat(send("00A4020C02000A").sw()).isEqualTo(0x9000); // the auth certificate EF
        assertThat(guarded.knownSelection()).contains(new CardSelection(Aid.JPKI, OptionalInt.of(0x000A)));

        assertThat(send(SELECT_CARD_FACE).sw()).isEqualTo(0x9000);
        assertThat(guarded.knownSelection())
                .as("another application: no EF of it yet, the JPKI AP's EF forgotten")
                .contains(new CardSelection(Aid.CARD_FACE, OptionalInt.empty()));

        assertThat(send(SELECT_JPKI).sw()).isEqualTo(0x9000);
        assertThat(guarded.knownSelection()).contains(new CardSelection(Aid.JPKI, OptionalInt.empty()));
    }

    @Test
    void anUnclearAnswerForgetsTheSelection() throws Exception {
        int[] answer = {0x9000};
        ApduTransport session = MyNumberGuard.guard(
                new ApduTransport() { // a card answering what the test says
                    @Override
                    public ResponseApdu transmit(CommandApdu command) {
                        return ResponseApdu.status(answer[0]);
                    }

                    @Override
                    public void close() {}
                });
        CommandApdu selectJpki = CommandApdu.parse(HexFormat.of().parseHex(SELECT_JPKI));
        CommandApdu selectPinEf = CommandApdu.parse(HexFormat.of().parseHex("00A4020C020018"));
        session.transmit(selectJpki);
        session.transmit(selectPinEf);
        assertThat(session.knownSelection()).contains(new CardSelection(Aid.JPKI, OptionalInt.of(0x0018)));

        answer[0] = 0x6F00; // no precise diagnosis: the EF may or may not have changed
        session.transmit(CommandApdu.parse(HexFormat.of().parseHex("00A4020C02000A")));
        assertThat(session.knownSelection()).isEmpty();

        answer[0] = 0x9000;
        session.transmit(selectJpki);
        answer[0] = 0x6A82; // the application may or may not have changed
        session.transmit(CommandApdu.parse(HexFormat.of().parseHex(SELECT_CARD_FACE)));
        assertThat(session.knownSelection()).isEmpty();
        answer[0] = 0x9000;
        session.transmit(selectJpki);
        assertThat(session.knownSelection()).contains(new CardSelection(Aid.JPKI, OptionalInt.empty()));
    }
}
