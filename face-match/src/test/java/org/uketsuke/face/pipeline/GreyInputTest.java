package org.uketsuke.face.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.face.chip.ChipPhoto;

/**
 * The product's steps take the pipeline's grey frame without a three-channel copy: the one-channel inputs they build
 * from it are bit for bit the channels {@code blobFromImage} builds from the copy, and they go through the pinned nets
 * with the first convolution's three input channels folded into one ({@link GreyFold}). That is the same arithmetic but
 * for float rounding: detections, keypoints and embeddings agree with the pinned nets' on the three-channel copy to
 * within a thousandth of a pixel (3 × 10⁻⁵ seen), 10⁻⁶ of a score and 10⁻⁵ of descriptor distance (2 × 10⁻⁶ seen;
 * dlib's same-person radius is 0.6), far inside any decision's margin.
 */
class GreyInputTest {

    private static List<Mat> frames;

    @BeforeAll
    static void load() {
        OpenCv.load();
        Mat portrait = DemoFrames.portrait();
        Mat benchFrame = new Mat(480, 640, portrait.type(), new Scalar(90, 90, 90)); // the bench's frame
        portrait.submat(new Rect(0, 0, 512, 480)).copyTo(benchFrame.submat(new Rect(64, 0, 512, 480)));
        Mat astronaut = Imgcodecs.imread(Path.of(System.getProperty("uketsuke.testImages"), "astronaut.png")
                .toString());
        Mat chip = ((ChipPhoto.Decoded.Ok) ChipPhoto.decode(DemoFrames.chipPhotoJp2())).grey();
        Mat chipScaled = new Mat();
        Imgproc.resize(chip, chipScaled, new Size(), 320.0 / 222, 320.0 / 222, Imgproc.INTER_CUBIC);
        frames = new ArrayList<>();
        // frames of three sizes in turn: the grey path's letterbox bars are rewritten whenever the size changes
        for (Mat m : List.of(benchFrame, astronaut, chipScaled, DemoFrames.headTurned(portrait, 0.25), benchFrame)) {
            Mat grey = new Mat();
            if (m.channels() == 1) {
                m.copyTo(grey);
            } else {
                Imgproc.cvtColor(m, grey, Imgproc.COLOR_BGR2GRAY);
            }
            frames.add(grey);
        }
        assertThat(frames).extracting(Mat::cols).contains(640, 512);
    }

    private static Mat threeChannels(Mat grey) {
        Mat bgr = new Mat();
        Imgproc.cvtColor(grey, bgr, Imgproc.COLOR_GRAY2BGR);
        return bgr;
    }

    private static boolean identical(Mat a, Mat b) {
        assertThat(a.type()).isEqualTo(CvType.CV_32F);
        assertThat(a.size()).isEqualTo(b.size());
        assertThat(a.total()).isEqualTo(b.total());
        float[] x = new float[(int) a.total()];
        float[] y = new float[(int) b.total()];
        a.reshape(1, 1).get(0, 0, x);
        b.reshape(1, 1).get(0, 0, y);
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                return false;
            }
        }
        return true;
    }

    /** Channel {@code c} of a 1 × 3 × n × n input. */
    private static Mat channel(Mat input, int c) {
        int side = input.size(3);
        return input.reshape(1, new int[] {3 * side, side}).rowRange(c * side, (c + 1) * side);
    }

    private static Mat plane(Mat input) {
        assertThat(input.size(1)).as("one input channel").isEqualTo(1);
        int side = input.size(3);
        return input.reshape(1, new int[] {side, side});
    }

    @Test
    void theProductsNetsTakeOneChannelAndTheColourPathThePinnedThree() {
        BlazeFaceLocator locator = (BlazeFaceLocator) FaceLocator.blazeFace();
        DlibEmbedder embedder = (DlibEmbedder) FaceEmbedder.dlib();
        assertThat(locator.greyNetChannels()).isEqualTo(1);
        assertThat(embedder.greyNetChannels()).isEqualTo(1);
        assertThat(GreyFold.firstConvolutionChannels(GreyFold.read(FaceModels.bytes(FaceModels.BLAZEFACE))))
                .isEqualTo(3);
        assertThat(GreyFold.firstConvolutionChannels(GreyFold.read(FaceModels.bytes(FaceModels.DLIB_RECOGNISER))))
                .isEqualTo(3);
    }

    @Test
    void blazeFaceInputFromGreyIsBitForBitEachChannelOfTheColourCopysInput() {
        BlazeFaceLocator locator = (BlazeFaceLocator) FaceLocator.blazeFace();
        for (Mat grey : frames) {
            var box = BlazeFaceLocator.Letterbox.of(grey.cols(), grey.rows());
            Mat colour = locator.colourInput(threeChannels(grey), box);
            Mat fromGrey = plane(locator.greyInput(grey, box));
            for (int c = 0; c < 3; c++) {
                assertThat(identical(fromGrey, channel(colour, c)))
                        .as("frame %dx%d, channel %d", grey.cols(), grey.rows(), c)
                        .isTrue();
            }
            // and not trivially: the input is the frame, not a constant
            assertThat(Core.minMaxLoc(fromGrey.reshape(1, 1)).maxVal).isGreaterThan(0.5);
        }
    }

    @Test
    void blazeFaceFindsTheSameFacesAndKeypointsInGreyAsThePinnedNetInTheColourCopy() {
        BlazeFaceLocator grey = (BlazeFaceLocator) FaceLocator.blazeFace();
        BlazeFaceLocator colour = (BlazeFaceLocator) FaceLocator.blazeFace();
        assertThat(grey.takesGrey()).isTrue();
        double worstPixel = 0;
        double worstScore = 0;
        for (Mat frame : frames) {
            List<FaceBox> fromGrey = grey.detect(frame);
            List<FaceBox> fromColour = colour.detect(threeChannels(frame));
            assertThat(fromGrey).isNotEmpty().hasSameSizeAs(fromColour);
            for (int i = 0; i < fromGrey.size(); i++) {
                FaceBox a = fromGrey.get(i);
                FaceBox b = fromColour.get(i);
                double[] x = {a.x1(), a.y1(), a.x2(), a.y2()};
                double[] y = {b.x1(), b.y1(), b.x2(), b.y2()};
                for (int k = 0; k < 4; k++) {
                    worstPixel = Math.max(worstPixel, Math.abs(x[k] - y[k]));
                }
                worstScore = Math.max(worstScore, Math.abs(a.score() - b.score()));
                float[] p = grey.points(frame, a).xy();
                float[] q = colour.points(frame, b).xy();
                assertThat(p).hasSameSizeAs(q);
                for (int k = 0; k < p.length; k++) {
                    worstPixel = Math.max(worstPixel, Math.abs(p[k] - q[k]));
                }
            }
        }
        System.out.printf(
                "BlazeFace, folded grey net vs pinned net on the colour copy: worst |Δ| %.2e px, score %.2e%n",
                worstPixel, worstScore);
        assertThat(worstPixel).as("boxes and keypoints, pixels").isLessThan(1e-3);
        assertThat(worstScore).as("scores").isLessThan(1e-6);
    }

    @Test
    void dlibEmbedsGreyAsThePinnedNetEmbedsTheColourCopy() {
        BlazeFaceLocator locator = (BlazeFaceLocator) FaceLocator.blazeFace();
        DlibEmbedder grey = (DlibEmbedder) FaceEmbedder.dlib();
        DlibEmbedder colour = (DlibEmbedder) FaceEmbedder.dlib();
        assertThat(grey.takesGrey()).isTrue();
        double worst = 0;
        List<float[]> fromGrey = new ArrayList<>();
        List<float[]> fromColour = new ArrayList<>();
        for (Mat frame : frames) {
            FacePoints points = locator.points(frame, locator.detect(frame).getFirst());
            Mat bgr = threeChannels(frame);
            Mat transform = ChipAlignment.toChip(points);
            assertThat(identical(
                            plane(grey.greyInput(frame, transform)),
                            channel(DlibEmbedder.colourInput(bgr, transform), 0)))
                    .isTrue();
            float[] a = grey.embed(frame, points);
            float[] b = colour.embed(bgr, points);
            worst = Math.max(worst, 1 - grey.similarity(a, b));
            fromGrey.add(a);
            fromColour.add(b);
        }
        System.out.printf("dlib, folded grey net vs pinned net on the colour copy: worst distance %.2e%n", worst);
        assertThat(worst)
                .as("descriptor distance (dlib's same-person radius is 0.6)")
                .isLessThan(1e-5);
        // every pair's similarity, the figure a decision compares with its threshold, moves by less than that
        for (int i = 0; i < fromGrey.size(); i++) {
            for (int j = i + 1; j < fromGrey.size(); j++) {
                assertThat(grey.similarity(fromGrey.get(i), fromGrey.get(j)))
                        .isCloseTo(grey.similarity(fromColour.get(i), fromColour.get(j)), within(2e-5));
            }
        }
    }

    @Test
    void thePipelineGivesTheSameEmbeddingAfterClearingItsBuffers() {
        FacePipeline pipeline = new FacePipeline();
        Mat bgr = threeChannels(frames.getFirst());
        var first = (FacePipeline.Analysis.Face) pipeline.analyse(bgr);
        pipeline.analyse(threeChannels(frames.get(2))); // another size in between
        pipeline.clear();
        var again = (FacePipeline.Analysis.Face) pipeline.analyse(bgr);
        assertThat(again.embedding()).isEqualTo(first.embedding());
        assertThat(again.box()).isEqualTo(first.box());
    }
}
