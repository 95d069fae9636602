package org.uketsuke.face.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The product's steps take the pipeline's grey frame without a three-channel copy: the networks' inputs they build from
 * it are bit for bit the inputs {@code blobFromImage} builds from the copy, so detections, keypoints and embeddings are
 * exactly the same (and so is every decision made from them).
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

    @Test
    void blazeFaceInputFromGreyIsBitForBitTheColourCopysInput() {
        BlazeFaceLocator locator = (BlazeFaceLocator) FaceLocator.blazeFace();
        for (Mat grey : frames) {
            var box = BlazeFaceLocator.Letterbox.of(grey.cols(), grey.rows());
            Mat colour = locator.colourInput(threeChannels(grey), box);
            Mat fromGrey = locator.greyInput(grey, box);
            assertThat(identical(fromGrey, colour))
                    .as("frame %dx%d", grey.cols(), grey.rows())
                    .isTrue();
            // and not trivially: the input is the frame, not a constant
            assertThat(Core.minMaxLoc(fromGrey.reshape(1, 1)).maxVal).isGreaterThan(0.5);
        }
    }

    @Test
    void blazeFaceFindsTheSameFacesAndKeypointsInGreyAsInTheColourCopy() {
        BlazeFaceLocator grey = (BlazeFaceLocator) FaceLocator.blazeFace();
        BlazeFaceLocator colour = (BlazeFaceLocator) FaceLocator.blazeFace();
        assertThat(grey.takesGrey()).isTrue();
        for (Mat frame : frames) {
            List<FaceBox> fromGrey = grey.detect(frame);
            List<FaceBox> fromColour = colour.detect(threeChannels(frame));
            assertThat(fromGrey).isNotEmpty().isEqualTo(fromColour);
            assertThat(grey.points(frame, fromGrey.getFirst()).xy())
                    .isEqualTo(colour.points(frame, fromColour.getFirst()).xy());
        }
    }

    @Test
    void dlibEmbedsGreyExactlyAsTheColourCopy() {
        BlazeFaceLocator locator = (BlazeFaceLocator) FaceLocator.blazeFace();
        DlibEmbedder grey = (DlibEmbedder) FaceEmbedder.dlib();
        DlibEmbedder colour = (DlibEmbedder) FaceEmbedder.dlib();
        assertThat(grey.takesGrey()).isTrue();
        for (Mat frame : frames) {
            FacePoints points = locator.points(frame, locator.detect(frame).getFirst());
            Mat bgr = threeChannels(frame);
            Mat transform = ChipAlignment.toChip(points);
            assertThat(identical(grey.greyInput(frame, transform), DlibEmbedder.colourInput(bgr, transform)))
                    .isTrue();
            assertThat(grey.embed(frame, points)).isEqualTo(colour.embed(bgr, points));
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
