package org.uketsuke.tools.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two layouts of {@code face eval --pairs}, and the lines and images it refuses. */
class PairListTest {

    @TempDir
    Path dataset;

    private Path image(String relative) throws Exception {
        Path p = dataset.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    private List<PairList.Pair> read(String content) throws Exception {
        return PairList.read(Files.writeString(dataset.resolve("pairs.txt"), content), dataset)
                .pairs();
    }

    /** LFW's pairs.txt lines (after its header) and explicit lines, both layouts in one file. */
    @Test
    void lfwPairsTxtLinesAndExplicitPathsWithLabels() throws Exception {
        Path a1 = image("Ann_Lee/Ann_Lee_0001.jpg");
        Path a3 = image("Ann_Lee/Ann_Lee_0003.jpg");
        Path b12 = image("Bo_Kim/Bo_Kim_0012.png");
        Path z = image("p2/z.jpg");
        assertThat(read("1\t2\nAnn_Lee\t1\t3\n\n# a comment\nAnn_Lee\t1\tBo_Kim\t12\n"
                        + "Ann_Lee/Ann_Lee_0001.jpg  Ann_Lee/Ann_Lee_0003.jpg same\n"
                        + "Ann_Lee/Ann_Lee_0001.jpg p2/z.jpg 0\np2/z.jpg Bo_Kim/Bo_Kim_0012.png DIFFERENT\n"))
                .containsExactly(
                        new PairList.Pair(a1, "Ann_Lee", a3, "Ann_Lee", true),
                        new PairList.Pair(a1, "Ann_Lee", b12, "Bo_Kim", false),
                        new PairList.Pair(a1, "Ann_Lee", a3, "Ann_Lee", true),
                        new PairList.Pair(a1, "Ann_Lee", z, "p2", false),
                        new PairList.Pair(z, "p2", b12, "Bo_Kim", false));
    }

    @Test
    void aMalformedLineAMissingImageOrAnEmptyListIsRefusedWithItsLineNumber() throws Exception {
        image("p1/x.jpg");
        Path bad = Files.writeString(dataset.resolve("bad.txt"), "p1/x.jpg p1/x.jpg same\np1/x.jpg p1/x.jpg maybe\n");
        assertThatThrownBy(() -> PairList.read(bad, dataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        Path missing = Files.writeString(dataset.resolve("missing.txt"), "10 300\nAnn_Lee 1 2\n");
        assertThatThrownBy(() -> PairList.read(missing, dataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("Ann_Lee_0001.jpg");
        Path empty = Files.writeString(dataset.resolve("empty.txt"), "10 300\n# nothing\n");
        assertThatThrownBy(() -> PairList.read(empty, dataset)).hasMessageContaining("lists no pairs");
    }
}
