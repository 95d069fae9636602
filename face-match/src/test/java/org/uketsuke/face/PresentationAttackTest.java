package org.uketsuke.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.face.camera.ImageSequenceSource;
import org.uketsuke.face.chip.ChipPhoto;
import org.uketsuke.face.pipeline.FaceBox;
import org.uketsuke.face.pipeline.FaceDecision;
import org.uketsuke.face.pipeline.FaceEmbedder;
import org.uketsuke.face.pipeline.FacePipeline;
import org.uketsuke.face.pipeline.FaceVerifier;
import org.uketsuke.face.pipeline.PresentationChecks;
import org.uketsuke.face.pipeline.QualityIssue;

/**
 * The passive presentation-attack checks on the real models and the two test persons (FaceMatchTest), with the attacks
 * made from them here: the chip photo printed or shown on a screen and held to a colour camera (a colour cast from the
 * light or the screen's white point, blur, sensor noise, moved between frames), the photograph the chip was made from
 * held up in colour, and a greyscale photo of a person.
 */
class PresentationAttackTest {

    private static Mat astronaut;
    private static Mat photographer;
    private static Mat chip;
    private static FacePipeline pipeline;

    @BeforeAll
    static void load() {
        OpenCv.load();
        astronaut = Imgcodecs.imread(Path.of(System.getProperty("uketsuke.testImages"), "astronaut.png")
                .toString());
        photographer = Imgcodecs.imread(
                Path.of(System.getProperty("uketsuke.testImages"), "camera.png").toString());
        assertThat(astronaut.empty() || photographer.empty()).isFalse();
        pipeline = new FacePipeline();
        chip = ((ChipPhoto.Decoded.Ok) ChipPhoto.decode(DemoFrames.chipPhotoJp2())).grey();
    }

    @Test
    void aLiveColourFaceHasChromaAndItsGreyscalePrintsHaveNone() {
        FaceBox face = pipeline.detect(astronaut).getFirst();
        double live = PresentationChecks.chromaSpread(astronaut, face);
        assertThat(live).as("live colour face").isGreaterThan(2 * PresentationChecks.MIN_CHROMA_SPREAD);
        for (double[] cast :
                List.of(new double[] {1, 1, 1}, new double[] {0.8, 1.0, 1.2}, new double[] {1.2, 1.0, 0.8})) {
            Mat print = print(astronaut, cast, 1.2, 6, 1);
            double spread = PresentationChecks.chromaSpread(print, face);
            assertThat(spread)
                    .as("greyscale print, cast %s", Arrays.toString(cast))
                    .isLessThan(PresentationChecks.MIN_CHROMA_SPREAD / 1.5);
        }
        Mat screen = screen(astronaut);
        assertThat(PresentationChecks.chromaSpread(
                        screen, pipeline.detect(screen).getFirst()))
                .as("greyscale picture on an RGB-stripe screen")
                .isLessThan(PresentationChecks.MIN_CHROMA_SPREAD / 1.5);
        Mat grey = new Mat();
        Imgproc.cvtColor(astronaut, grey, Imgproc.COLOR_BGR2GRAY);
        assertThat(PresentationChecks.chromaSpread(grey, face))
                .as("a one-channel frame has no colour")
                .isZero();
    }

    @Test
    void theChipPhotoPrintedAndHeldToTheCameraIsNotALiveFace() {
        List<Mat> frames = new ArrayList<>();
        Random rng = new Random(5);
        for (int i = 0; i < 8; i++) { // the print moved a little and lit differently in every frame
            double[] cast = {0.85 + 0.3 * rng.nextDouble(), 1.0, 0.85 + 0.3 * rng.nextDouble()};
            frames.add(print(held(chip, 2.0 + 0.1 * i, i * 7 - 20, 4 - i, i - 4), cast, 0.8, 4, i));
        }
        FaceDecision decision = FaceVerifier.defaults().verify(pipeline, chip, new ImageSequenceSource(frames, false));
        assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.INCONCLUSIVE);
        assertThat(decision.reason()).isEqualTo(QualityIssue.NOT_LIVE_COLOUR);
        assertThat(decision.framesUsed()).isZero();

        FaceDecision unchecked = FaceVerifier.defaults()
                .withChecks(PresentationChecks.none())
                .verify(pipeline, chip, new ImageSequenceSource(frames, false));
        assertThat(unchecked.decision())
                .as("without the checks the print would have matched (best %.3f)", unchecked.bestScore())
                .isEqualTo(FaceDecision.Decision.MATCH);
    }

    @Test
    void theChipPhotoOnAScreenIsNotALiveFace() {
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(screen(held(chip, 2.2, i * 9 - 25, 0, 2 * i - 5)));
        }
        FaceDecision decision = FaceVerifier.defaults().verify(pipeline, chip, new ImageSequenceSource(frames, false));
        assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.INCONCLUSIVE);
        assertThat(decision.reason()).isEqualTo(QualityIssue.NOT_LIVE_COLOUR);
    }

    @Test
    void aColourisedReplayOfTheChipPictureIsRefusedByTheReplayCeiling() {
        // An attacker who tints the chip picture with skin colour gets past the colour check; the picture still
        // reproduces the chip photo's pixels, which no live face does.
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            frames.add(colourised(held(chip, 2.0 + 0.15 * i, i * 11 - 15, 0, 3 * i - 4)));
        }
        FaceBox face = pipeline.detect(frames.getFirst()).getFirst();
        assertThat(PresentationChecks.chromaSpread(frames.getFirst(), face))
                .as("passes the colour check")
                .isGreaterThanOrEqualTo(PresentationChecks.MIN_CHROMA_SPREAD);
        FaceDecision decision = FaceVerifier.defaults().verify(pipeline, chip, new ImageSequenceSource(frames, false));
        assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.NO_MATCH);
        assertThat(decision.presentationAttack())
                .as("best %.3f", decision.bestScore())
                .isTrue();
        assertThat(decision.framesUsed()).as("refused at the first such frame").isEqualTo(1);
        assertThat(withoutReplayCheck()
                        .verify(pipeline, chip, new ImageSequenceSource(frames, false))
                        .decision())
                .as("without the replay check the colourised picture would have matched")
                .isEqualTo(FaceDecision.Decision.MATCH);
    }

    /**
     * The chip picture as an attacker may have it — sent on as a JPEG, colourised —, shown scaled, moved and turned in
     * the image plane: refused by its pixels, not by the recogniser's score. With a recogniser that scores every face
     * 1.0 the replay is refused all the same, and the same person's turned views still match: the check does not
     * depend on the recogniser or its scale.
     */
    @Test
    void aRecompressedColourisedReplayMovedScaledAndRotatedIsRefusedWhateverTheRecogniser() {
        Mat recompressed = jpeg(chip, 50);
        List<Mat> frames = List.of(
                colourised(held(recompressed, 1.8, 25, 6, 6)),
                colourised(held(recompressed, 2.3, -30, -4, -4)),
                colourised(held(recompressed, 2.05, 5, 0, 2)));
        FaceEmbedder scoresEverythingAlike = (image, points) -> new float[] {1, 0};
        for (FacePipeline any : List.of(pipeline, new FacePipeline(scoresEverythingAlike))) {
            FaceDecision decision = FaceVerifier.defaults().verify(any, chip, new ImageSequenceSource(frames, false));
            assertThat(decision.presentationAttack())
                    .as("%s, best score %.3f", decision, decision.bestScore())
                    .isTrue();
        }
        List<Mat> live = List.of(DemoFrames.headTurned(astronaut, 0.25), DemoFrames.headTurned(astronaut, -0.28));
        FaceDecision genuine = FaceVerifier.defaults()
                .verify(new FacePipeline(scoresEverythingAlike), chip, new ImageSequenceSource(live, false));
        assertThat(genuine.decision()).as("%s", genuine).isEqualTo(FaceDecision.Decision.MATCH);
    }

    @Test
    void thePhotographTheChipWasMadeFromIsRefusedAsAReplay() {
        List<Mat> frames = List.of(astronaut, brighter(shifted(astronaut, 8, 4), 1.1), shifted(astronaut, -6, 2));
        FaceDecision decision = FaceVerifier.defaults().verify(pipeline, chip, new ImageSequenceSource(frames, false));
        assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.NO_MATCH);
        assertThat(decision.reason()).isEqualTo(QualityIssue.CHIP_PHOTO_REPLAY);
        assertThat(decision.presentationAttack()).isTrue();
    }

    /**
     * The photograph (or the colourised chip picture) tilted away from the camera — a print or a phone held at an angle:
     * ADR 0001's score ceiling let such views through (they scored below it); the pixel check aligns them back.
     */
    @Test
    void aTiltedPictureOfThePhotographOrTheChipIsRefusedAsAReplay() {
        List<Mat> tilted = List.of(
                DemoFrames.turned(astronaut, 0.1),
                DemoFrames.turned(astronaut, -0.12),
                DemoFrames.turned(colourised(held(chip, 2.0, 0, 0, 2)), 0.15));
        for (Mat frame : tilted) {
            FaceDecision decision =
                    FaceVerifier.defaults().verify(pipeline, chip, new ImageSequenceSource(List.of(frame), false));
            assertThat(decision.presentationAttack()).as("%s", decision).isTrue();
        }
    }

    @Test
    void aGreyscalePhotoOfAPersonIsNotALiveFace() {
        Mat frame = new Mat();
        Imgproc.resize(photographer, frame, new Size(), 2, 2, Imgproc.INTER_CUBIC);
        Mat photographerChip = new Mat();
        Imgproc.cvtColor(new Mat(frame, new Rect(300, 120, 330, 400)), photographerChip, Imgproc.COLOR_BGR2GRAY);
        FaceDecision decision = FaceVerifier.defaults()
                .verify(
                        pipeline,
                        photographerChip,
                        new ImageSequenceSource(List.of(frame, shifted(frame, 5, 5), shifted(frame, -4, 3)), false));
        assertThat(decision.decision()).isEqualTo(FaceDecision.Decision.INCONCLUSIVE);
        assertThat(decision.reason()).isEqualTo(QualityIssue.NOT_LIVE_COLOUR);
    }

    @Test
    void aCameraThatDeliversOnlyGreyscaleCanSwitchTheColourCheckOff() {
        List<Mat> frames = new ArrayList<>();
        for (double yaw : new double[] {0.25, -0.28, 0.3}) {
            Mat grey = new Mat();
            Imgproc.cvtColor(DemoFrames.headTurned(astronaut, yaw), grey, Imgproc.COLOR_BGR2GRAY);
            frames.add(grey);
        }
        assertThat(FaceVerifier.defaults()
                        .verify(pipeline, chip, new ImageSequenceSource(frames, false))
                        .reason())
                .isEqualTo(QualityIssue.NOT_LIVE_COLOUR);
        FaceVerifier greyCamera = FaceVerifier.defaults()
                .withChecks(new PresentationChecks(false, PresentationChecks.REPLAY_CORRELATION));
        assertThat(greyCamera
                        .verify(pipeline, chip, new ImageSequenceSource(frames, false))
                        .decision())
                .isEqualTo(FaceDecision.Decision.MATCH);
    }

    /** The grey chip photo on a 640×480 colour scene, scaled and moved: a print or a phone held to the camera. */
    private static Mat held(Mat grey, double scale, int dx, int dy, double degrees) {
        Mat bgr = new Mat();
        Imgproc.cvtColor(grey, bgr, Imgproc.COLOR_GRAY2BGR);
        Mat big = new Mat();
        Imgproc.resize(bgr, big, new Size(), scale, scale, Imgproc.INTER_CUBIC);
        Mat frame = new Mat(480, 640, CvType.CV_8UC3, new Scalar(70, 110, 150)); // a coloured room behind
        int h = Math.min(big.rows(), 470);
        int x = (640 - big.cols()) / 2 + dx;
        int y = Math.max(0, (480 - h) / 2 + dy);
        new Mat(big, new Rect(0, 0, big.cols(), h)).copyTo(frame.submat(new Rect(x, y, big.cols(), h)));
        Mat rotation = Imgproc.getRotationMatrix2D(new Point(320, 240), degrees, 1);
        Mat out = new Mat();
        Imgproc.warpAffine(frame, out, rotation, frame.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        return out;
    }

    /** What a colour camera sees of a greyscale picture: a colour cast (gain per B, G, R), blur and sensor noise. */
    private static Mat print(Mat bgr, double[] cast, double blur, double noise, long seed) {
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        Mat picture = new Mat();
        Imgproc.cvtColor(grey, picture, Imgproc.COLOR_GRAY2BGR);
        Mat f = new Mat();
        picture.convertTo(f, CvType.CV_32FC3);
        Core.multiply(f, new Scalar(cast[0], cast[1], cast[2]), f);
        Imgproc.GaussianBlur(f, f, new Size(0, 0), blur);
        Mat n = new Mat(f.size(), f.type());
        Core.setRNGSeed((int) seed);
        Core.randn(n, 0, noise);
        Core.add(f, n, f);
        Mat out = new Mat();
        f.convertTo(out, CvType.CV_8UC3);
        return out;
    }

    /** A greyscale picture shown on an RGB-stripe screen and photographed: sub-pixels, lens blur, a bluish white. */
    private static Mat screen(Mat bgr) {
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        int w = grey.cols();
        int h = grey.rows();
        byte[] in = new byte[w * h];
        grey.get(0, 0, in);
        float[] px = new float[w * 3 * h * 3 * 3];
        for (int y = 0; y < h * 3; y++) {
            for (int x = 0; x < w * 3; x++) {
                // each pixel is three stripes (R, G, B in a row), each lit with three times the pixel's share
                px[(y * w * 3 + x) * 3 + (2 - x % 3)] = 3f * (in[(y / 3) * w + x / 3] & 0xFF) * 0.9f;
            }
        }
        Mat subpixels = new Mat(h * 3, w * 3, CvType.CV_32FC3);
        subpixels.put(0, 0, px);
        Imgproc.GaussianBlur(subpixels, subpixels, new Size(0, 0), 1.2);
        Mat photographed = new Mat();
        Imgproc.resize(subpixels, photographed, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        Core.multiply(photographed, new Scalar(1.08, 1.0, 0.95), photographed); // a bluish white point
        Mat n = new Mat(photographed.size(), photographed.type());
        Core.setRNGSeed(9);
        Core.randn(n, 0, 3);
        Core.add(photographed, n, photographed);
        Mat out = new Mat();
        photographed.convertTo(out, CvType.CV_8UC3);
        return out;
    }

    /** The grey picture tinted like skin where it is mid-grey and left grey in the dark and light parts. */
    private static Mat colourised(Mat bgr) {
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        Mat hsv = new Mat(grey.size(), CvType.CV_8UC3);
        byte[] g = new byte[(int) grey.total()];
        grey.get(0, 0, g);
        byte[] out = new byte[g.length * 3];
        for (int i = 0; i < g.length; i++) {
            int v = g[i] & 0xFF;
            out[i * 3] = (byte) (8 + v / 32); // hue: orange to red
            out[i * 3 + 1] = (byte) (Math.max(0, 110 - Math.abs(v - 140))); // saturation peaks on mid-grey skin
            out[i * 3 + 2] = (byte) v;
        }
        hsv.put(0, 0, out);
        Mat result = new Mat();
        Imgproc.cvtColor(hsv, result, Imgproc.COLOR_HSV2BGR);
        return result;
    }

    /** Live colour and frozen-frame checks only. */
    private static FaceVerifier withoutReplayCheck() {
        return FaceVerifier.defaults().withChecks(new PresentationChecks(true, Double.POSITIVE_INFINITY));
    }

    /** The grey picture saved as a JPEG of {@code quality} and decoded again. */
    private static Mat jpeg(Mat grey, int quality) {
        MatOfByte bytes = new MatOfByte();
        Imgcodecs.imencode(".jpg", grey, bytes, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
        return Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_GRAYSCALE);
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
}
