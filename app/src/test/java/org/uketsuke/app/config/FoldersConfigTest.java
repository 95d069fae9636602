package org.uketsuke.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.uketsuke.app.config.ConfigParserTest.MINIMAL;
import static org.uketsuke.app.config.ConfigParserTest.ok;
import static org.uketsuke.app.config.ConfigParserTest.problems;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.app.config.ConfigProblem.Reason;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.ReasonTexts;
import org.uketsuke.eligibility.wire.CharacterCode;

/** {@code backend.kind=folders} and the 連携アプリ's folders (docs/decisions/0012-folders-backend.md). */
class FoldersConfigTest {

    private static final String FOLDERS = MINIMAL + "backend.kind=folders\nfolders.share=/mnt/oqs\n";

    @Test
    void theShareAloneGivesItsThreeFoldersAndTheDefaults() {
        UketsukeConfig c = ok(FOLDERS);
        assertThat(c.folders())
                .contains(new UketsukeConfig.Folders(
                        Path.of("/mnt/oqs/face"),
                        Path.of("/mnt/oqs/req"),
                        Path.of("/mnt/oqs/res"),
                        CharacterCode.UTF_8,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(30),
                        2,
                        Optional.empty()));
        assertThat(ok(MINIMAL).folders()).isEmpty();
        assertThat(ok(MINIMAL + "backend.kind=https\n").folders()).isEmpty();
    }

    @Test
    void everyFolderKeyIsReadAndWrittenBack() {
        UketsukeConfig c = ok(MINIMAL + """
                backend.kind=folders
                folders.face=/mnt/oqs/face
                folders.req=/mnt/oqs-req/in
                folders.res=/mnt/oqs-res/out
                folders.charset=Shift_JIS
                folders.poll_ms=1000
                folders.timeout_seconds=60
                folders.attempts=1
                folders.archive=/srv/oqs-archive
                """);
        assertThat(c.folders())
                .contains(new UketsukeConfig.Folders(
                        Path.of("/mnt/oqs/face"),
                        Path.of("/mnt/oqs-req/in"),
                        Path.of("/mnt/oqs-res/out"),
                        CharacterCode.SHIFT_JIS,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        1,
                        Optional.of(Path.of("/srv/oqs-archive"))));
        for (UketsukeConfig config : List.of(c, ok(FOLDERS), ok(FOLDERS + "sink.face_folder=off\n"))) {
            assertThat(ok(ConfigWriter.text(ConfigWriter.fields(config)))).isEqualTo(config);
        }
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(MINIMAL + "backend.kind=soap\n", "backend.kind", Reason.BAD_CHOICE),
                Arguments.of(MINIMAL + "folders.share=/mnt/oqs\n", "folders.share", Reason.CONFLICT),
                Arguments.of(MINIMAL + "folders.attempts=1\n", "folders.attempts", Reason.CONFLICT),
                Arguments.of(FOLDERS + "folders.face=oqs/face\n", "folders.face", Reason.NOT_ABSOLUTE),
                Arguments.of(FOLDERS + "folders.req=\n", "folders.req", Reason.MISSING),
                Arguments.of(FOLDERS + "folders.res=/mnt/\u0000res\n", "folders.res", Reason.BAD_PATH),
                Arguments.of(FOLDERS + "folders.charset=EUC-JP\n", "folders.charset", Reason.BAD_CHOICE),
                Arguments.of(FOLDERS + "folders.poll_ms=10\n", "folders.poll_ms", Reason.OUT_OF_RANGE),
                Arguments.of(FOLDERS + "folders.poll_ms=0.5s\n", "folders.poll_ms", Reason.NOT_A_NUMBER),
                Arguments.of(FOLDERS + "folders.timeout_seconds=0\n", "folders.timeout_seconds", Reason.OUT_OF_RANGE),
                Arguments.of(FOLDERS + "folders.attempts=6\n", "folders.attempts", Reason.OUT_OF_RANGE),
                Arguments.of(
                        FOLDERS + "folders.poll_ms=5000\nfolders.timeout_seconds=2\n",
                        "folders.poll_ms",
                        Reason.CONFLICT),
                Arguments.of(FOLDERS + "folders.archive=/mnt/oqs/face\n", "folders.archive", Reason.CONFLICT),
                // Uketsuke's own face sink, or its req/res answering beside it, in the 連携アプリ's folders
                Arguments.of(FOLDERS + "sink.face_folder=/mnt/oqs/face\n", "sink.face_folder", Reason.CONFLICT),
                Arguments.of(FOLDERS + "sink.face_folder=/mnt/oqs/mine\n", "sink.face_folder", Reason.CONFLICT),
                Arguments.of(
                        MINIMAL.replace("data_dir=/var/lib/uketsuke", "data_dir=/mnt/oqs")
                                + "backend.kind=folders\nfolders.share=/mnt/oqs\n",
                        "sink.face_folder",
                        Reason.CONFLICT));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("badValues")
    void aBadFoldersValueIsOneProblemWordedInJapaneseAndEnglish(String text, String key, Reason reason) {
        assertThat(problems(text)).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo(key);
            assertThat(problem.reason()).isEqualTo(reason);
            assertThat(ReasonTexts.configProblem(problem, new Messages(Messages.JAPANESE)))
                    .contains(key);
            assertThat(ReasonTexts.configProblem(problem, new Messages(Messages.ENGLISH)))
                    .contains(key);
        });
    }

    @Test
    void withoutAShareEachFolderIsRequired() {
        assertThat(problems(MINIMAL + "backend.kind=folders\nfolders.face=/mnt/oqs/face\n"))
                .extracting(ConfigProblem::key, ConfigProblem::reason)
                .containsExactly(tuple("folders.req", Reason.MISSING), tuple("folders.res", Reason.MISSING));
    }

    @Test
    void ownFaceSinkElsewhereOrOffIsFine() {
        assertThat(problems(FOLDERS + "sink.face_folder=off\n")).isEmpty();
        assertThat(problems(FOLDERS + "sink.face_folder=/srv/rececon/face\n")).isEmpty();
    }
}
