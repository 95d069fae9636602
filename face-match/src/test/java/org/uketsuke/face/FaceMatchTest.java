package org.uketsuke.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.face.camera.Frame;
import org.uketsuke.face.camera.ImageSequenceSource;
import org.uketsuke.face.camera.OpenCvCameraSource;
import org.uketsuke.face.chip.ChipPhoto;
import org.uketsuke.face.chip.ChipPhotoError;
import org.uketsuke.face.pipeline.FaceBox;
import org.uketsuke.face.pipeline.FaceDecision;
import org.uketsuke.face.pipeline.FaceModels;
import org.uketsuke.face.pipeline.FacePipeline;
import org.uketsuke.face.pipeline.FaceVerifier;
import org.uketsuke.face.pipeline.PresentationChecks;
import org.uketsuke.face.pipeline.QualityIssue;

/**
 * The real models on real photos of two people (NASA's public-domain portrait of Eileen Collins and a CC0 photo of a
 * photographer, from Debian's python3-skimage, fetched by the build): detection, quality gates, a chip photo made the
 * way the card stores it, and the decision for the right and the wrong person.
 */
class FaceMatchTest {

    private static Mat astronaut;
    private static Mat photographer;
    private static FacePipeline pipeline;

    @BeforeAll
    static void load() {
        OpenCv.load();
        astronaut = Imgcodecs.imread(Path.of(System.getProperty("uketsuke.testImages"), "astronaut.png")
                .toString());
        photographer = Imgcodecs.imread(
                Path.of(System.getProperty("uketsuke.testImages"), "camera.png").toString());
        assertThat(astronaut.empty() || photographer.empty())
                .as("test images fetched by the build")
                .isFalse();
        pipeline = new FacePipeline();
    }

    @Test
    void everyModelMatchesThePinThatTheFetchScriptOrTheConverterChecks() throws IOException {
        String script = Files.readString(Path.of("models/fetch-models.sh"));
        // ADR 0011's files are the converter's output (face-models' build), pinned where it refuses another output.
        String converter = Files.readString(Path.of(
                "../face-models-converter/src/main/java/org/uketsuke/tools/face/convert/ConvertFaceModels.java"));
        FaceModels.PINNED.forEach((name, sha) -> {
            assertThat(script.contains("[" + name + "]=" + sha) || converter.contains("\"" + sha + "\""))
                    .as(name + " is pinned by fetch-models.sh or ConvertFaceModels")
                    .isTrue();
            assertThat(FaceModels.bytes(name)).isNotEmpty();
        });
    }

    @Test
    void theProductsModelsLoadFromTheFaceModelsJar() {
        assertThatCode(FaceModels::checkShipped).doesNotThrowAnyException();
    }

    @Test
    void thePortraitHasExactlyOneFaceWhereTheFaceIs() {
        List<FaceBox> faces = pipeline.detect(astronaut);
        assertThat(faces).hasSize(1);
        FaceBox face = faces.getFirst();
        // Eileen Collins' face sits in the upper middle of the 512×512 portrait.
        assertThat(face.x1()).isBetween(120.0, 260.0);
        assertThat(face.y1()).isBetween(20.0, 140.0);
        assertThat(face.width()).isBetween(60.0, 200.0);
    }

    @Test
    void theSamePersonMatchesHerChipPhoto() {
        Mat chip = chipPhotoOf(astronaut);
        // The only colour photo of her we may ship is the one the chip photo is made from; a live camera never gives
        // that photograph back, flat or tilted (refused as a replay, PresentationAttackTest), so the live frames turn
        // her
        // head: parallax between nose, face and background that no picture held to the camera shows.
        List<Mat> live = List.of(
                DemoFrames.headTurned(astronaut, 0.25),
                DemoFrames.headTurned(shifted(astronaut, -6, 2), -0.28),
                brighter(DemoFrames.headTurned(astronaut, 0.3), 1.15));
        FaceDecision decision = FaceVerifier.defaults().verify(pipeline, chip, new ImageSequenceSource(live, false));
        assertThat(decision.decision()).as("score %.3f", decision.bestScore()).isEqualTo(FaceDecision.Decision.MATCH);
        assertThat(decision.bestScore()).isGreaterThan(decision.threshold());
        assertThat(decision.framesUsed()).isEqualTo(2);
        assertThat(decision.presentationAttack()).isFalse();
        System.out.printf("genuine: %s best %.3f%n", decision.decision(), decision.bestScore());
    }

    @Test
    void anotherPersonDoesNotMatchEitherWayRound() {
        Mat photographerFrame = new Mat();
        Imgproc.resize(photographer, photographerFrame, new Size(), 2, 2, Imgproc.INTER_CUBIC);
        // The photographer's only photo is greyscale: the live-colour check rightly refuses it before any score
        // (aGreyscalePhotoOfAPersonIsNotALiveFace); it is off here so that the score itself is what is tested.
        FaceVerifier scoresOnly = FaceVerifier.defaults()
                .withChecks(new PresentationChecks(false, PresentationChecks.REPLAY_CORRELATION));
        FaceDecision decision = scoresOnly.verify(
                pipeline,
                chipPhotoOf(astronaut),
                new ImageSequenceSource(
                        List.of(photographerFrame, shifted(photographerFrame, 5, 5), photographerFrame), false));
        assertThat(decision.decision())
                .as("score %.3f", decision.bestScore())
                .isEqualTo(FaceDecision.Decision.NO_MATCH);
        assertThat(decision.bestScore()).isLessThan(decision.threshold());
        System.out.printf(
                "impostor (photographer vs astronaut chip): %s best %.3f%n", decision.decision(), decision.bestScore());

        Mat photographerChip = grey(new Mat(photographerFrame, new Rect(300, 120, 330, 400)));
        FaceDecision reverse = FaceVerifier.defaults()
                .verify(
                        pipeline,
                        photographerChip,
                        new ImageSequenceSource(
                                List.of(astronaut, shifted(astronaut, 4, 4), DemoFrames.headTurned(astronaut, 0.26)),
                                false));
        assertThat(reverse.decision()).as("score %.3f", reverse.bestScore()).isEqualTo(FaceDecision.Decision.NO_MATCH);
    }

    @Test
    void qualityGatesGiveGuidance() {
        Mat black = Mat.zeros(480, 640, astronaut.type());
        assertThat(issue(black)).isEqualTo(QualityIssue.NO_FACE);

        Mat two = new Mat();
        Core.hconcat(List.of(astronaut, astronaut), two);
        assertThat(issue(two)).isEqualTo(QualityIssue.MULTIPLE_FACES);

        Mat small = new Mat();
        Imgproc.resize(astronaut, small, new Size(), 0.25, 0.25);
        Mat canvas = Mat.zeros(480, 640, astronaut.type());
        small.copyTo(canvas.submat(new Rect(250, 180, small.cols(), small.rows())));
        assertThat(issue(canvas)).isIn(QualityIssue.TOO_SMALL, QualityIssue.NO_FACE);

        Mat dark = new Mat();
        astronaut.convertTo(dark, -1, 0.12, 0);
        assertThat(issue(dark)).isIn(QualityIssue.TOO_DARK, QualityIssue.NO_FACE);
    }

    @Test
    void chipPhotoBytesAreValidatedBeforeDecoding() {
        byte[] jp2 = jpeg2000(grey(astronaut));
        assertThat(ChipPhoto.decode(jp2)).isInstanceOf(ChipPhoto.Decoded.Ok.class);
        assertThat(ChipPhoto.decode(new byte[0])).isEqualTo(new ChipPhoto.Decoded.Error(ChipPhotoError.EMPTY));
        MatOfByte png = new MatOfByte();
        Mat thumbnail = new Mat();
        Imgproc.resize(astronaut, thumbnail, new Size(64, 64));
        Imgcodecs.imencode(".png", thumbnail, png);
        assertThat(ChipPhoto.decode(png.toArray()))
                .isEqualTo(new ChipPhoto.Decoded.Error(ChipPhotoError.NOT_JPEG_2000));
        byte[] broken = Arrays.copyOf(jp2, 40);
        assertThat(ChipPhoto.decode(broken)).isEqualTo(new ChipPhoto.Decoded.Error(ChipPhotoError.UNDECODABLE));
        assertThat(ChipPhoto.decode(new byte[70_000])).isEqualTo(new ChipPhoto.Decoded.Error(ChipPhotoError.TOO_LARGE));
    }

    /**
     * A whole face session — chip photo bytes decoded, frames matched, decision — writes no file. Two witnesses: the
     * kernel (fanotify on the file systems of /tmp, /dev/shm, the home and working directories reports every write with
     * the writing process, so other processes' files in /tmp do not count and cannot make this flaky), and snapshots of
     * this JVM's private java.io.tmpdir (set by the build) and of the working directory.
     */
    @Test
    void aFaceSessionWritesNoFile() throws Exception {
        Path privateTmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        assertThat(privateTmp.toString())
                .as("the build gives the tests a private java.io.tmpdir")
                .endsWith("target/test-tmp");
        byte[] chipJp2 = jpeg2000(((ChipPhoto.Decoded.Ok) ChipPhoto.decode(DemoFrames.chipPhotoJp2())).grey());
        List<Mat> live = List.of(DemoFrames.headTurned(astronaut, 0.25), DemoFrames.headTurned(astronaut, -0.28));
        for (int attempt = 1; ; attempt++) {
            FileWriteWatch.Result watch = FileWriteWatch.start(watchedFileSystems());
            Map<String, String> before = snapshot(privateTmp);

            ChipPhoto.Decoded chip = ChipPhoto.decode(chipJp2);
            FaceDecision decision = FaceVerifier.defaults()
                    .verify(pipeline, ((ChipPhoto.Decoded.Ok) chip).grey(), new ImageSequenceSource(live, false));

            assertThat(decision.decision()).as("the session ran to a decision").isEqualTo(FaceDecision.Decision.MATCH);
            assertThat(snapshot(privateTmp)).isEqualTo(before);
            if (watch.watch().isEmpty()) {
                System.out.println(
                        "face session: " + watch.whyNot() + "; checked the private temp and working directories only");
                return;
            }
            try (FileWriteWatch w = watch.watch().get()) {
                assertThat(w.stop())
                        .as("files this JVM wrote during the face session")
                        .isEmpty();
                return;
            } catch (IllegalStateException overflow) {
                // The kernel dropped events (other processes wrote a flood): nothing proven either way, so run again.
                if (attempt == 3) {
                    throw overflow;
                }
            }
        }
    }

    @Test
    void theFileWatchSeesThisJvmsWritesAndOnlyThem() throws Exception {
        FileWriteWatch.Result watch = FileWriteWatch.start(watchedFileSystems());
        Assumptions.assumeTrue(watch.watch().isPresent(), watch.whyNot());
        Path mine = Files.createTempFile(Path.of("/tmp"), "uketsuke-watch-", ".bin");
        try (FileWriteWatch w = watch.watch().get()) {
            Files.write(mine, new byte[] {1, 2, 3});
            // another process writing at the same time does not count as ours
            Path theirs = Path.of(
                    "/tmp", "uketsuke-watch-other-" + ProcessHandle.current().pid());
            new ProcessBuilder("sh", "-c", "echo x > " + theirs).start().waitFor();
            List<String> written = w.stop();
            assertThat(written).contains(mine.toString()).doesNotContain(theirs.toString());
            Files.deleteIfExists(theirs);
        } finally {
            Files.deleteIfExists(mine);
        }
    }

    private static List<Path> watchedFileSystems() {
        return Stream.of("/tmp", "/dev/shm", System.getProperty("user.home"), System.getProperty("java.io.tmpdir"), "")
                .map(p -> Path.of(p).toAbsolutePath())
                .filter(Files::isDirectory)
                .toList();
    }

    /** Path → size and modification time of every file in the private temp dir and the working dir outside target/. */
    private static Map<String, String> snapshot(Path privateTmp) throws IOException {
        Map<String, String> all = new TreeMap<>();
        Path workingDir = Path.of("").toAbsolutePath();
        for (Path root : List.of(privateTmp, workingDir)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(p -> root.equals(privateTmp)
                                || !workingDir.relativize(p).startsWith("target"))
                        .toList()) {
                    all.put(
                            p.toString(),
                            Files.isDirectory(p)
                                    ? "dir"
                                    : Files.size(p) + "@"
                                            + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return all;
    }

    /** What the card holds: greyscale, small (about 90 px wide face), JPEG 2000 compressed, then decoded. */
    @Test
    void aStillPictureHeldToTheCameraIsNotMatched() {
        Mat chip = chipPhotoOf(astronaut);
        List<Mat> still = Collections.nCopies(12, DemoFrames.headTurned(astronaut, 0.26));
        FaceDecision decision = FaceVerifier.defaults().verify(pipeline, chip, new ImageSequenceSource(still, false));
        assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.INCONCLUSIVE);
        assertThat(decision.reason()).isEqualTo(QualityIssue.FROZEN_FRAMES);
        assertThat(decision.framesUsed())
                .as("only the first of the identical frames is scored")
                .isEqualTo(1);
    }

    @Test
    void aCameraUnpluggedMidCaptureIsSaidSo() {
        Mat chip = chipPhotoOf(astronaut);
        CameraSource unplugged = new CameraSource() {
            private int calls;

            @Override
            public Capture next() {
                return calls++ == 0
                        ? new Capture.Got(new Frame(DemoFrames.headTurned(astronaut, 0.26), System.nanoTime()))
                        : new Capture.Unavailable("camera gave no frame (unplugged?)");
            }

            @Override
            public void close() {}
        };
        FaceDecision decision = FaceVerifier.defaults().verify(pipeline, chip, unplugged);
        assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.INCONCLUSIVE);
        assertThat(decision.reason()).isEqualTo(QualityIssue.CAMERA_UNAVAILABLE);
        assertThat(decision.framesSeen()).isEqualTo(1);
    }

    @Test
    void noCameraAtAllIsSaidSo() {
        try (CameraSource none = new OpenCvCameraSource(57, 640, 480, 15)) {
            FaceDecision decision = FaceVerifier.defaults().verify(pipeline, chipPhotoOf(astronaut), none);
            assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.INCONCLUSIVE);
            assertThat(decision.reason()).isEqualTo(QualityIssue.CAMERA_UNAVAILABLE);
            assertThat(decision.framesSeen()).isZero();
        }
    }

    @Test
    void aCoveredCameraGivesDarkFramesNotAMatch() {
        Random noise = new Random(3);
        List<Mat> dark = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Mat frame = new Mat(480, 640, CvType.CV_8UC3);
            byte[] pixels = new byte[480 * 640 * 3];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (byte) noise.nextInt(6); // sensor noise on a black picture
            }
            frame.put(0, 0, pixels);
            dark.add(frame);
        }
        FaceDecision decision =
                FaceVerifier.defaults().verify(pipeline, chipPhotoOf(astronaut), new ImageSequenceSource(dark, false));
        assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.INCONCLUSIVE);
        assertThat(decision.reason()).isIn(QualityIssue.TOO_DARK, QualityIssue.NO_FACE);
        assertThat(decision.framesUsed()).isZero();
    }

    private static Mat chipPhotoOf(Mat portrait) {
        Mat head = new Mat(portrait, new Rect(110, 0, 260, 320));
        Mat small = new Mat();
        Imgproc.resize(grey(head), small, new Size(180, 222), 0, 0, Imgproc.INTER_AREA);
        ChipPhoto.Decoded decoded = ChipPhoto.decode(jpeg2000(small));
        assertThat(decoded).isInstanceOf(ChipPhoto.Decoded.Ok.class);
        return ((ChipPhoto.Decoded.Ok) decoded).grey();
    }

    private static byte[] jpeg2000(Mat grey) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jp2", grey, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, 200));
        return out.toArray();
    }

    private static Mat grey(Mat bgr) {
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        return grey;
    }

    private static Mat shifted(Mat image, int dx, int dy) {
        Mat out = new Mat();
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, 1, 0, dx, 0, 1, dy);
        Imgproc.warpAffine(image, out, m, image.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE, new Scalar(0));
        return out;
    }

    private static Mat brighter(Mat image, double gain) {
        Mat out = new Mat();
        image.convertTo(out, -1, gain, 0);
        return out;
    }

    private static QualityIssue issue(Mat frame) {
        FacePipeline.Analysis analysis = pipeline.analyse(frame);
        assertThat(analysis).isInstanceOf(FacePipeline.Analysis.Issue.class);
        return ((FacePipeline.Analysis.Issue) analysis).issue();
    }
}
