package org.uketsuke.folders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.wire.CharacterCode;

class FolderCheckTest {

    @TempDir
    Path share;

    private FolderSettings settings() {
        return FolderSettings.under(share, CharacterCode.SHIFT_JIS, "1311234567");
    }

    @Test
    void aMountedShareWithTheThreeFoldersPasses() throws Exception {
        for (String folder : new String[] {"face", "req", "res"}) {
            Files.createDirectories(share.resolve(folder));
        }

        assertThat(FolderCheck.check(settings())).isEmpty();
    }

    @Test
    void anUnmountedShareNamesEveryFolderAndAReadOnlyReqIsNamed() throws Exception {
        assertThat(FolderCheck.check(settings()))
                .extracting(FolderCheck.Finding::folder, FolderCheck.Finding::problem)
                .containsExactly(
                        tuple("face", FolderCheck.Problem.MISSING),
                        tuple("req", FolderCheck.Problem.MISSING),
                        tuple("res", FolderCheck.Problem.MISSING));

        for (String folder : new String[] {"face", "req", "res"}) {
            Files.createDirectories(share.resolve(folder));
        }
        Files.setPosixFilePermissions(share.resolve("req"), PosixFilePermissions.fromString("r-x------"));
        boolean root = Files.isWritable(share.resolve("req")); // root writes anyway: nothing to see then
        assertThat(FolderCheck.check(settings()))
                .extracting(FolderCheck.Finding::problem)
                .containsExactlyElementsOf(root ? List.of() : List.of(FolderCheck.Problem.NOT_WRITABLE));
    }
}
