package org.uketsuke.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** sqlite-jdbc's native library kept in a private folder and loaded from there, not extracted at every start. */
class SqliteNativeCopyTest {

    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void theFirstStartWritesAPrivateCopyAndTheNextLoadsItWithoutWriting() throws Exception {
        Path folder = dir.resolve("cache").resolve("uketsuke");

        String first = probe(folder);
        assertThat(first).contains("copied to " + folder).contains("SQLITE 3.").contains("LOADED FROM COPY");
        List<Path> copies;
        try (Stream<Path> files = Files.list(folder)) {
            copies = files.toList();
        }
        assertThat(copies).singleElement().satisfies(copy -> {
            assertThat(copy.getFileName().toString()).matches("libsqlitejdbc-\\d+-\\d+\\.so");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
                    .isEqualTo("rwx------");
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                .isEqualTo("rwx------");
        long written = Files.getLastModifiedTime(copies.getFirst()).toMillis();

        String second = probe(folder);
        assertThat(second).contains("kept copy " + copies.getFirst()).contains("LOADED FROM COPY");
        assertThat(Files.getLastModifiedTime(copies.getFirst()).toMillis()).isEqualTo(written);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aTruncatedCopyIsWrittenAgain() throws Exception {
        Path folder = dir.resolve("uketsuke");
        probe(folder);
        Path copy;
        try (Stream<Path> files = Files.list(folder)) {
            copy = files.findFirst().orElseThrow();
        }
        Files.write(copy, new byte[100]);

        assertThat(probe(folder)).contains("copied to " + copy).contains("LOADED FROM COPY");
        assertThat(Files.size(copy)).isGreaterThan(100_000);
    }

    @Test
    void onlyGlibcLinuxOnTheDriversArchitecturesIsHandled() throws Exception {
        Path glibc = Files.createDirectories(dir.resolve("lib"));
        Path musl = Files.createDirectories(dir.resolve("musl"));
        Files.writeString(musl.resolve("ld-musl-x86_64.so.1"), "");

        assertThat(SqliteNativeCopy.resource("Linux", "amd64", glibc))
                .contains("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
        assertThat(SqliteNativeCopy.resource("Linux", "aarch64", glibc))
                .contains("org/sqlite/native/Linux/aarch64/libsqlitejdbc.so");
        assertThat(SqliteNativeCopy.resource("Linux", "amd64", musl)).isEmpty();
        assertThat(SqliteNativeCopy.resource("Linux", "riscv64", glibc)).isEmpty();
        assertThat(SqliteNativeCopy.resource("Windows 11", "amd64", glibc)).isEmpty();
    }

    private String probe(Path folder) throws Exception {
        Path output = Files.createTempFile(dir, "probe", ".out");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SqliteNativeCopyProbe.class.getName(),
                        folder.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
