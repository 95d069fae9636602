package org.uketsuke.tools.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.pipeline.FacePipeline;
import picocli.CommandLine;

/**
 * The evaluation end to end on a small folder made here from the two CC0 portraits the build fetches (four views of
 * each: shifted, rotated, lighter, darker). Too few to be a measurement — docs/face-eval.md has the run on a public
 * labelled set — but enough to prove the pipeline, the pair counts and the files.
 */
class FaceEvaluationTest {

    @TempDir
    static Path work;

    @BeforeAll
    static void dataset() throws Exception {
        OpenCv.load();
        for (String person : List.of("astronaut", "camera")) {
            Mat image = Imgcodecs.imread(Path.of(System.getProperty("uketsuke.testImages"), person + ".png")
                    .toString());
            assertThat(image.empty()).isFalse();
            Path dir = Files.createDirectories(work.resolve("set").resolve(person));
            Imgcodecs.imwrite(dir.resolve("1.png").toString(), image);
            Imgcodecs.imwrite(dir.resolve("2.png").toString(), rotated(image, 4));
            Imgcodecs.imwrite(dir.resolve("3.png").toString(), gain(image, 1.2));
            Imgcodecs.imwrite(dir.resolve("4.png").toString(), gain(rotated(image, -3), 0.85));
        }
    }

    @Test
    void genuinePairsScoreAboveImpostorsAndTheReportCountsEveryPair() throws Exception {
        Path out = work.resolve("out");
        FaceEvaluation.Report report = FaceEvaluation.run(work.resolve("set"), out, 0.40, 0.0001, 1L);
        report.lines().forEach(System.out::println);
        assertThat(report.people()).isEqualTo(2);
        assertThat(report.images()).isEqualTo(8);
        int usable = 8 - Math.max(report.failedToEnrol(), report.failedToAcquire());
        assertThat(usable).as("most views are usable").isGreaterThanOrEqualTo(6);
        assertThat(report.genuinePairs()).isPositive();
        assertThat(report.impostorPairs()).isPositive();
        assertThat(report.genuineMean()).isGreaterThan(report.impostorMean() + 0.3);
        assertThat(report.heldOutGenuine() + report.heldOutImpostor()).isPositive();
        assertThat(report.genuinePairs())
                .as("every live image against every other image's enrolment")
                .isLessThanOrEqualTo(2 * 4 * 3);
        assertThat(report.calibrationPeople()).isEqualTo(1);
        assertThat(report.calibrationGenuine() + report.heldOutGenuine()).isEqualTo(report.genuinePairs());
        assertThat(report.calibrationImpostor() + report.heldOutImpostor())
                .as("one person per half: impostors only across")
                .isZero();
        assertThat(report.lines()).anyMatch(l -> l.contains("no FMR can be stated"));
        assertThat(report.genuineMax()).isGreaterThanOrEqualTo(report.genuineMean());
        ReplayFigures attacks = report.presentationAttacks();
        assertThat(attacks.flatReplays())
                .as("the chip picture of each enrolled view, shown to the camera in three ways")
                .isPositive();
        assertThat(attacks.replayScores()).hasSize(attacks.flatReplays());
        assertThat(attacks.genuine()).hasSize(report.genuinePairs());
        assertThat(attacks.flatCaught())
                .as("flat replays caught by the pixel check")
                .isEqualTo(attacks.flatReplays());
        // This set's genuine pairs are views of one photograph: their pixels correlate like replays, so only counted.
        assertThat(report.lines()).anyMatch(l -> l.startsWith("replay check (aligned grey faces"));
        assertThat(attacks.liveChroma()).as("the astronaut's colour views").isNotEmpty();
        assertThat(Files.readAllLines(out.resolve("roc.csv")))
                .hasSize(202)
                .first()
                .isEqualTo("threshold,fmr,fnmr");
        assertThat(Files.readAllLines(out.resolve("roc-heldout.csv"))).hasSize(202);
        assertThat(Files.size(out.resolve("roc.png"))).isGreaterThan(1_000);
    }

    /**
     * {@code --pairs} with dlib's converted recogniser in the embedding step: only the listed pairs are scored, each
     * in the right column, and the licence-clear embedder separates the two people on this small set too.
     */
    @Test
    void listedPairsThroughTheDlibEmbedderAreTheOnlyOnesScored() throws Exception {
        Path pairs = Files.writeString(
                work.resolve("pairs.txt"),
                String.join(
                        "\n",
                        "astronaut/1.png astronaut/2.png same",
                        "astronaut/3.png astronaut/4.png same",
                        "camera/1.png camera/3.png same",
                        "astronaut/1.png camera/1.png different",
                        "camera/2.png astronaut/3.png different",
                        ""));
        FaceEvaluation.Report report = FaceEvaluation.run(
                work.resolve("set"),
                work.resolve("out-pairs"),
                0.40,
                0.0001,
                1L,
                new FacePipeline(ConvertedModels.recogniser()),
                pairs);
        report.lines().forEach(System.out::println);
        assertThat(report.listedPairs()).isEqualTo(5);
        assertThat(report.genuinePairs() + report.impostorPairs() + report.unscoredPairs())
                .isEqualTo(5);
        assertThat(report.genuinePairs()).isBetween(2, 3);
        assertThat(report.impostorPairs()).isBetween(1, 2);
        assertThat(report.images()).as("only the images the pairs name").isEqualTo(7);
        assertThat(report.genuineMean()).isGreaterThan(report.impostorMean() + 0.2);
        assertThat(report.lines()).anyMatch(l -> l.startsWith("pairs file: 5 listed pairs"));
    }

    @Test
    void theCommandRefusesAnUnknownEmbedderOrDetectorAndAMalformedPairsFile() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new FaceCommand()).setErr(new PrintWriter(err));
        assertThat(command.execute("eval", "--dataset", work.resolve("set").toString(), "--embedder", "sface"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--embedder must be arcface or dlib");
        assertThat(command.execute("eval", "--dataset", work.resolve("set").toString(), "--detector", "yunet"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--detector must be rfb or blazeface");
        Path pairs = Files.writeString(work.resolve("bad-pairs.txt"), "astronaut/1.png camera/1.png perhaps\n");
        assertThatThrownBy(() -> FaceEvaluation.run(
                        work.resolve("set"), work.resolve("out-bad"), 0.40, 0.0001, 1L, new FacePipeline(), pairs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
    }

    private static Mat rotated(Mat image, double degrees) {
        Mat out = new Mat();
        Mat m = Imgproc.getRotationMatrix2D(new Point(image.cols() / 2.0, image.rows() / 2.0), degrees, 1.0);
        Imgproc.warpAffine(image, out, m, image.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE, new Scalar(0));
        return out;
    }

    private static Mat gain(Mat image, double g) {
        Mat out = new Mat();
        image.convertTo(out, -1, g, 0);
        return out;
    }
}
