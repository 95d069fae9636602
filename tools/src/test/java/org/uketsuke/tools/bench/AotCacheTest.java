package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card → store terminals' AOT cache: trained only from jars, mapped only once it exists. */
class AotCacheTest {

    @TempDir
    Path dir;

    @Test
    void aClassPathOfJarsTrainsTheCacheAndAFolderOnItTrainsNone() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path cache = dir.resolve("t.aot");

        assertThat(AotCache.train(cache, jar + File.pathSeparator + jar).options())
                .contains("-XX:AOTCacheOutput=" + cache);
        assertThat(AotCache.train(cache, jar + File.pathSeparator + classes)).isEqualTo(AotCache.NONE);
    }

    @Test
    void onlyAMadeCacheIsMapped() throws IOException {
        Path cache = dir.resolve("t.aot");
        assertThat(AotCache.use(cache)).isEqualTo(AotCache.NONE);
        Files.writeString(cache, "x");
        assertThat(AotCache.use(cache).options()).contains("-XX:AOTCache=" + cache);
    }
}
