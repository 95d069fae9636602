package org.uketsuke.reader.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.Iso7816;
import org.uketsuke.reader.guard.MyNumberGuard;
import org.uketsuke.reader.jpki.JpkiCard;

/**
 * The driver against recorded cards (transcripts/*.apdu, recorded from card-sim's personas): it sends exactly the
 * recorded commands, through the My Number guard as in production, and makes the recorded outcome of every step.
 */
class DriverTranscriptReplayTest {

    static Stream<String> transcripts() throws IOException, URISyntaxException {
        Path folder = Path.of(
                DriverTranscriptReplayTest.class.getResource("/transcripts").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files
                    .map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".apdu"))
                    .map(n -> n.substring(0, n.length() - ".apdu".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void theDriverHoldsTheRecordedConversation(String name) {
        Transcript recorded = Transcript.load(name);
        assertThat(replay(recorded)).containsExactlyElementsOf(recorded.entries());
    }

    @Test
    void everyPersonaTheSimulatorKnowsIsRecorded() throws Exception {
        assertThat(transcripts().toList())
                .contains(
                        "patient",
                        "expired",
                        "blocked-pin",
                        "smartphone",
                        "smartphone-ios",
                        "juki",
                        "extended",
                        "pulled",
                        "garbage",
                        "face-only",
                        "patient-with-card-face");
    }

    @Test
    void aValidCardIsVerifiedAndSignsAfterOneWrongPin() {
        assertThat(outcomes("patient"))
                .containsSubsequence(
                        "identification: Identified[kind=MY_NUMBER_CARD]",
                        "auth-pin-tries-left: 3",
                        "verify-auth-pin-wrong: Wrong[triesLeft=2]",
                        "verify-auth-pin: Verified[]",
                        "sign-with-auth-key: Signed[256 bytes]");
    }

    @Test
    void aBlockedPinIsReportedBlockedAndNothingIsSigned() {
        assertThat(outcomes("blocked-pin"))
                .contains("auth-pin-tries-left: 0", "verify-auth-pin: Blocked[]", "sign-with-auth-key: PinRequired[]");
    }

    @Test
    void aSmartphoneGivesItsCertificateOnlyAfterThePin() {
        List<String> outcomes = outcomes("smartphone");
        assertThat(outcomes)
                .containsSubsequence(
                        "identification: Identified[kind=SMARTPHONE_ANDROID]",
                        "read-auth-certificate: PinRequiredFirst[]",
                        "verify-auth-pin: Verified[]");
        assertThat(outcomes.get(3)).startsWith("read-auth-certificate: Read[");
    }

    @Test
    void aCardTakenOffEndsEveryLaterStepAsRemoved() {
        assertThat(outcomes("pulled"))
                .contains(
                        "verify-auth-pin: CardRemoved[]",
                        "sign-with-auth-key: CardRemoved[]",
                        "card-expiry: card gone");
    }

    @Test
    void theCardFaceIsReadAndProvedPresentOnlyWithCollationNumberB() {
        List<String> outcomes = outcomes("patient-with-card-face");
        assertThat(outcomes)
                .containsSubsequence(
                        "verify-collation-number-b: Verified[]", "presence-proof: verified", "card-expiry: 20350217");
        assertThat(outcomes).contains("read-card-face: Read[birth 19800217, expiry 20350217, photo 3500 bytes]");
        assertThat(outcomes("patient"))
                .contains("read-card-face: Failed[step=select, sw=0]")
                .doesNotContain("presence-proof: verified");
    }

    @Test
    void aCommandThatDiffersFromTheRecordingFailsTheReplay() throws Exception {
        ReplayedCard card = new ReplayedCard(Transcript.load("patient"));
        JpkiCard jpki = new JpkiCard(MyNumberGuard.guard(card));
        jpki.identification();
        jpki.readAuthCertificate();
        jpki.authPinTriesLeft();
        assertThatThrownBy(() -> jpki.verifyAuthPin("9999"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("recorded: 00200080 04 {wrong-pin}")
                .hasMessageContaining("sent:     00200080 04 {4 bytes, no test secret}");
    }

    @Test
    void noTranscriptHoldsAPinOrSelectsTheMyNumberApplication() throws Exception {
        String forbidden = Secrets.command(CommandApdu.of(
                0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_BY_NAME, 0x0C, Aid.TEXT_INPUT_SUPPORT.bytes()));
        for (String name : transcripts().toList()) {
            for (Transcript.Entry.Exchange exchange : Transcript.load(name).exchanges()) {
                assertThat(exchange.command()).doesNotStartWith(forbidden).doesNotContain("no test secret");
                if (exchange.command().startsWith("00200080 ")) {
                    assertThat(exchange.command()).matches("00200080 (04 \\{(wrong-)?pin\\}|0E \\{collation-b\\})");
                }
            }
        }
    }

    private static List<Transcript.Entry> replay(Transcript recorded) {
        ReplayedCard card = new ReplayedCard(recorded);
        RecordingTransport session = new RecordingTransport(MyNumberGuard.guard(card));
        DriverScenario.run(session);
        assertThat(card.unsent()).as("recorded APDUs the driver did not send").isZero();
        return session.entries();
    }

    private static List<String> outcomes(String name) {
        return replay(Transcript.load(name)).stream()
                .filter(Transcript.Entry.Outcome.class::isInstance)
                .map(Transcript.Entry.Outcome.class::cast)
                .map(o -> o.step() + ": " + o.result())
                .toList();
    }
}
