package org.uketsuke.bridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symlink attack on the answer folders: whoever can write into res/, face/ or the CSV folder plants links where the
 * terminal will write, pointing at a file the terminal can write (the audit log). Every such write is refused with a
 * typed error and the foreign file keeps its bytes.
 */
class AtomicFilesTest {

    private static final byte[] FOREIGN = "audit line 1\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ANSWER = "<XmlMsg/>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aLinkPlantedAtEveryTempNameIsRefusedAndTheForeignFileIsUntouched() throws Exception {
        Path res = Files.createDirectory(dir.resolve("res"));
        Path foreign = foreignFile();
        List<String> names = IntStream.range(0, AtomicFiles.TEMP_ATTEMPTS)
                .mapToObj(i -> ".planted" + i + ".tmp")
                .toList();
        for (String name : names) {
            Files.createSymbolicLink(res.resolve(name), foreign);
        }
        Path target = res.resolve("OQSsiquc01res_1.xml");

        assertThatThrownBy(() -> AtomicFiles.write(target, ANSWER, names.iterator()))
                .isInstanceOfSatisfying(
                        UnsafePathException.class,
                        e -> assertThat(e.problem()).isEqualTo(UnsafePathException.Problem.TEMP_NAME_TAKEN));
        assertThat(Files.readAllBytes(foreign)).isEqualTo(FOREIGN);
        assertThat(target).doesNotExist();
    }

    @Test
    void aTakenTempNameIsSkippedForAFreshOne() throws Exception {
        Path res = Files.createDirectory(dir.resolve("res"));
        Path foreign = foreignFile();
        Files.createSymbolicLink(res.resolve(".a.tmp"), foreign);
        Path target = res.resolve("answer.xml");

        AtomicFiles.write(target, ANSWER, Stream.of(".a.tmp", ".b.tmp").iterator());

        assertThat(Files.readAllBytes(target)).isEqualTo(ANSWER);
        assertThat(Files.readAllBytes(foreign)).isEqualTo(FOREIGN);
        assertThat(res.resolve(".b.tmp")).doesNotExist();
    }

    @Test
    void theOldPredictableTempNameNoLongerReachesTheForeignFile() throws Exception {
        Path res = Files.createDirectory(dir.resolve("res"));
        Path foreign = foreignFile();
        Path target = res.resolve("OQSsiquc01res_1.xml");
        Files.createSymbolicLink(res.resolve(".OQSsiquc01res_1.xml.tmp"), foreign);

        AtomicFiles.write(target, ANSWER);

        assertThat(Files.readAllBytes(foreign)).isEqualTo(FOREIGN);
        assertThat(Files.readAllBytes(target)).isEqualTo(ANSWER);
    }

    /** In a group forced together, a link planted at one target refuses that file alone; the others are placed. */
    @Test
    void aLinkAtOneTargetOfAGroupRefusesItAloneAndTheOthersArePlaced() throws Exception {
        Path res = Files.createDirectory(dir.resolve("res"));
        Path foreign = foreignFile();
        List<Path> targets = IntStream.range(0, 5)
                .mapToObj(i -> res.resolve("OQSsiquc01res_" + i + ".xml"))
                .toList();
        Files.createSymbolicLink(targets.get(2), foreign);

        var failed = AtomicFiles.placeAll(
                targets.stream().map(t -> new AtomicFiles.Placement(t, ANSWER)).toList());

        assertThat(failed).containsOnlyKeys(targets.get(2));
        assertThat(failed.get(targets.get(2)))
                .isInstanceOfSatisfying(
                        UnsafePathException.class,
                        e -> assertThat(e.problem()).isEqualTo(UnsafePathException.Problem.TARGET_IS_LINK));
        assertThat(Files.readAllBytes(foreign)).isEqualTo(FOREIGN);
        for (Path target : List.of(targets.get(0), targets.get(1), targets.get(3), targets.get(4))) {
            assertThat(Files.readAllBytes(target)).isEqualTo(ANSWER);
        }
        try (Stream<Path> left = Files.list(res)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aLinkAtTheTargetIsRefused() throws Exception {
        Path res = Files.createDirectory(dir.resolve("res"));
        Path foreign = foreignFile();
        Path target = res.resolve("OQSsiquc01res_1.xml");
        Files.createSymbolicLink(target, foreign);

        assertThatThrownBy(() -> AtomicFiles.write(target, ANSWER))
                .isInstanceOfSatisfying(
                        UnsafePathException.class,
                        e -> assertThat(e.problem()).isEqualTo(UnsafePathException.Problem.TARGET_IS_LINK));
        assertThat(Files.readAllBytes(foreign)).isEqualTo(FOREIGN);
        assertThat(Files.isSymbolicLink(target)).isTrue();
        assertThat(leftovers(res)).isEmpty();
    }

    @Test
    void aLinkedFolderIsRefused() throws Exception {
        Path real = Files.createDirectory(dir.resolve("elsewhere"));
        Path foreign = real.resolve("audit.jsonl");
        Files.write(foreign, FOREIGN);
        Path res = Files.createSymbolicLink(dir.resolve("res"), real);

        assertThatThrownBy(() -> AtomicFiles.write(res.resolve("audit.jsonl"), ANSWER))
                .isInstanceOfSatisfying(
                        UnsafePathException.class,
                        e -> assertThat(e.problem()).isEqualTo(UnsafePathException.Problem.FOLDER_IS_LINK));
        assertThat(Files.readAllBytes(foreign)).isEqualTo(FOREIGN);
        try (Stream<Path> files = Files.list(real)) {
            assertThat(files).containsExactly(foreign);
        }
    }

    @Test
    void aWrittenFileIsPrivateToTheTerminalsUser() throws Exception {
        Path target = dir.resolve("answer.xml");

        AtomicFiles.write(target, ANSWER);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rw-------");
    }

    private Path foreignFile() throws Exception {
        Path foreign = dir.resolve("audit.jsonl");
        Files.write(foreign, FOREIGN);
        return foreign;
    }

    private static List<Path> leftovers(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }
}
