package org.uketsuke.reader.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.reader.sim.CardPersona;
import org.uketsuke.reader.sim.CardPersonas;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/**
 * The driver's conversation with each persona's virtual card, as reader-driver's replay tests hold it
 * ({@code reader-driver/src/test/resources/transcripts/}). Normally this proves the committed transcripts are what the
 * simulator answers today; with {@code -Duketsuke.recordTranscripts=true} it writes them anew:
 * <pre>mvn -o -q -pl card-sim -am test -Dtest=TranscriptRecorderTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Duketsuke.recordTranscripts=true</pre>
 * Personas that differ only in the backend (revoked, unregistered) or in time (slow) talk like the patient's card and
 * get no transcript of their own.
 */
class TranscriptRecorderTest {

    private static final Path FOLDER = Path.of("..", "reader-driver", "src", "test", "resources", "transcripts");
    private static final boolean RECORD = Boolean.getBoolean("uketsuke.recordTranscripts");
    private static final String CARD_FACE = "patient-with-card-face";

    static Stream<String> transcripts() {
        List<String> names = new ArrayList<>();
        CardPersonas.all().stream()
                .filter(CardPersona::differsOnTheCard)
                .map(CardPersona::name)
                .forEach(names::add);
        names.add(CARD_FACE);
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void theCommittedTranscriptIsWhatTheVirtualCardAnswers(String name) throws IOException {
        RecordingTransport session = new RecordingTransport(VirtualCardTransport.open(card(name)));
        DriverScenario.run(session);
        session.close();
        Transcript recorded = new Transcript(name, header(name), session.entries());
        Path file = FOLDER.resolve(name + ".apdu");
        if (RECORD) {
            Files.writeString(file, recorded.format(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is out of date: record it again with -Duketsuke.recordTranscripts=true", file)
                .isEqualTo(recorded.format());
    }

    private static MyNumberCardSimulator card(String name) {
        if (name.equals(CARD_FACE)) {
            return new MyNumberCardSimulator(TranscriptCards.valid(), TranscriptCards.face()).repeatableChallenges(1);
        }
        CardPersona persona = CardPersonas.byName(name).orElseThrow();
        return persona.card(
                        persona.certificate() == CardPersona.Certificate.EXPIRED
                                ? TranscriptCards.expired()
                                : TranscriptCards.valid())
                .repeatableChallenges(1);
    }

    private static List<String> header(String name) {
        String what = name.equals(CARD_FACE)
                ? "the patient's card with its card face (券面事項確認AP) personalised"
                : CardPersonas.byName(name).orElseThrow().description();
        return List.of(
                "Virtual card \"" + name + "\": " + what + ".",
                "Recorded by card-sim's TranscriptRecorderTest with -Duketsuke.recordTranscripts=true; do not edit.",
                "Format: reader-driver's Transcript (> command, < answer or gone, = the driver's outcome of a step).",
                "VERIFY data is masked ({pin}, {wrong-pin}, {collation-b}): test secrets the replay puts back.");
    }
}
