package org.uketsuke.tools.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.dnn.Dnn;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.pipeline.BlazeFace;
import org.uketsuke.face.pipeline.BlazeFaceLocator;
import org.uketsuke.face.pipeline.FaceBox;
import org.uketsuke.face.pipeline.FaceLocator;
import org.uketsuke.face.pipeline.FaceModels;
import org.uketsuke.face.pipeline.FacePipeline;
import org.uketsuke.tools.face.convert.BlazeFaceWindow;

/**
 * ADR 0011's detector step: the Java decoding of the converted BlazeFace against Google's own port of MediaPipe's
 * calculators (recorded once by {@code tools/models/record-blazeface-detections.js} with tensorflow.js on a window of
 * the public-domain astronaut portrait), then the whole locator on the two CC0 test portraits against ADR 0001's
 * independent detector and 68-point landmark net, and the dlib recogniser behind it.
 */
class BlazeFaceDetectionTest {

    private static final List<String> OUTPUTS = List.of("Identity", "Identity_1", "Identity_2", "Identity_3");

    private static BlazeFaceLocator locator;

    @BeforeAll
    static void load() {
        OpenCv.load();
        locator = ConvertedModels.detector();
    }

    @Test
    void theDecodedCandidatesAreThoseOfGooglesPortOfMediaPipesCalculators() throws Exception {
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/org/uketsuke/tools/face/blazeface-detections.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        byte[] onnx = FaceModels.bytes(FaceModels.BLAZEFACE);
        List<float[]> out = BlazeFaceWindow.outputs(
                Dnn.readNetFromONNX(new MatOfByte(onnx)),
                reference.get("x").asInt(),
                reference.get("y").asInt(),
                reference.get("size").asInt(),
                OUTPUTS);
        float[] logits = concat(out.get(0), out.get(1));
        float[] regressors = concat(out.get(2), out.get(3));

        List<BlazeFace.Detection> candidates = BlazeFace.candidates(logits, regressors, BlazeFace.MIN_SCORE);
        JsonNode expected = reference.get("candidates");
        assertThat(candidates).hasSize(expected.size()).hasSizeGreaterThan(3);
        for (int i = 0; i < candidates.size(); i++) {
            assertSame(candidates.get(i), expected.get(i));
        }
        // The port keeps the best box; MediaPipe's WEIGHTED suppression (ours) averages the cluster around it.
        List<BlazeFace.Detection> faces = BlazeFace.decode(logits, regressors, BlazeFace.MIN_SCORE);
        JsonNode kept = reference.get("kept");
        assertThat(faces).hasSize(kept.size()).hasSize(1);
        BlazeFace.Detection face = faces.getFirst();
        assertThat((double) face.score()).isCloseTo(kept.get(0).get("score").asDouble(), within(1e-4));
        double[] box = {face.x1(), face.y1(), face.x2(), face.y2()};
        for (int c = 0; c < 4; c++) {
            assertThat(box[c]).isCloseTo(kept.get(0).get("box").get(c).asDouble(), within(0.01));
        }
        for (int v = 0; v < 12; v++) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (JsonNode c : expected) {
                min = Math.min(min, c.get("keypoints").get(v).asDouble());
                max = Math.max(max, c.get("keypoints").get(v).asDouble());
            }
            BlazeFace.Point k = face.keypoints().get(v / 2);
            assertThat(v % 2 == 0 ? k.x() : k.y()).as("a mean of the cluster").isBetween(min, max);
        }
    }

    @Test
    void theLocatorFindsEachPortraitsFaceWhereTheIndependentLandmarkNetPutsEyesNoseAndMouth() {
        FaceLocator shipped = FaceLocator.rfb();
        for (String name : List.of("astronaut", "camera")) {
            Mat image = grey(Imgcodecs.imread(Path.of(System.getProperty("uketsuke.testImages"), name + ".png")
                    .toString()));
            List<FaceBox> faces = locator.detect(image);
            List<FaceBox> reference = shipped.detect(image);
            assertThat(faces).as(name).hasSize(1);
            assertThat(reference).as(name).hasSize(1);
            assertThat(iou(faces.getFirst(), reference.getFirst())).as(name).isGreaterThan(0.5);
            Mat oneChannel = new Mat();
            Imgproc.cvtColor(image, oneChannel, Imgproc.COLOR_BGR2GRAY);
            float[] k = locator.points(oneChannel, faces.getFirst()).xy();
            float[] p = shipped.points(oneChannel, reference.getFirst()).xy();
            Point rightEye = mean(p, 36, 42);
            Point leftEye = mean(p, 42, 48);
            double eyes = distance(rightEye, leftEye);
            // Two networks' notions of a point, not ground truth: a swapped or misplaced point is ≥ 1 eye distance off.
            System.out.printf(
                    "%s: eyes %.2f %.2f, nose %.2f, mouth %.2f eye distances from the 68-point net's%n",
                    name,
                    distance(new Point(k[0], k[1]), rightEye) / eyes,
                    distance(new Point(k[2], k[3]), leftEye) / eyes,
                    distance(new Point(k[4], k[5]), new Point(p[60], p[61])) / eyes,
                    distance(new Point(k[6], k[7]), mean(p, 48, 68)) / eyes);
            assertThat(distance(new Point(k[0], k[1]), rightEye) / eyes)
                    .as(name)
                    .isLessThan(0.35);
            assertThat(distance(new Point(k[2], k[3]), leftEye) / eyes).as(name).isLessThan(0.35);
            assertThat(distance(new Point(k[4], k[5]), new Point(p[60], p[61])) / eyes)
                    .as(name + " nose tip")
                    .isLessThan(0.35);
            assertThat(distance(new Point(k[6], k[7]), mean(p, 48, 68)) / eyes)
                    .as(name + " mouth centre")
                    .isLessThan(0.35);
        }
        assertThat(locator.detect(new Mat(480, 640, CvType.CV_8UC3, new Scalar(128, 128, 128))))
                .as("a grey frame")
                .isEmpty();
    }

    @Test
    void aTurnedHeadIsFoundWithItsTurnAndTheDlibChipFromItsKeypointsTellsThePeopleApart() {
        Mat astronaut = Imgcodecs.imread(Path.of(System.getProperty("uketsuke.testImages"), "astronaut.png")
                .toString());
        Mat camera = Imgcodecs.imread(
                Path.of(System.getProperty("uketsuke.testImages"), "camera.png").toString());
        Mat turned = new Mat();
        Imgproc.warpAffine(
                astronaut,
                turned,
                Imgproc.getRotationMatrix2D(new Point(200, 160), 20, 1),
                astronaut.size(),
                Imgproc.INTER_LINEAR,
                Core.BORDER_REPLICATE);
        List<FaceBox> faces = locator.detect(turned);
        assertThat(faces).hasSize(1);
        float[] k = locator.points(new Mat(), faces.getFirst()).xy();
        double angle = Math.toDegrees(Math.atan2(k[3] - k[1], k[2] - k[0]));
        assertThat(angle)
                .as("eye line, degrees (the portrait's own tilt is a few degrees)")
                .isBetween(-30.0, -10.0);

        FacePipeline pipeline = new FacePipeline(locator, ConvertedModels.recogniser());
        float[] upright = embedding(pipeline, astronaut);
        float[] tilted = embedding(pipeline, turned);
        float[] other = embedding(pipeline, camera);
        double genuine = pipeline.similarity(upright, tilted);
        double impostor = pipeline.similarity(upright, other);
        System.out.printf("BlazeFace + dlib: turned 20° %.3f, other person %.3f%n", genuine, impostor);
        assertThat(genuine).isGreaterThan(0.7);
        assertThat(impostor).isLessThan(0.4);
    }

    private static float[] embedding(FacePipeline pipeline, Mat image) {
        FacePipeline.Analysis analysis = pipeline.analyse(image);
        assertThat(analysis).isInstanceOf(FacePipeline.Analysis.Face.class);
        return ((FacePipeline.Analysis.Face) analysis).embedding();
    }

    private static void assertSame(BlazeFace.Detection actual, JsonNode expected) {
        assertThat((double) actual.score()).isCloseTo(expected.get("score").asDouble(), within(1e-4));
        double[] box = {actual.x1(), actual.y1(), actual.x2(), actual.y2()};
        for (int c = 0; c < 4; c++) {
            assertThat(box[c]).isCloseTo(expected.get("box").get(c).asDouble(), within(1e-4));
        }
        for (int k = 0; k < 6; k++) {
            assertThat(actual.keypoints().get(k).x())
                    .isCloseTo(expected.get("keypoints").get(2 * k).asDouble(), within(1e-4));
            assertThat(actual.keypoints().get(k).y())
                    .isCloseTo(expected.get("keypoints").get(2 * k + 1).asDouble(), within(1e-4));
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] all = new float[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Mat grey(Mat bgr) {
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        Imgproc.cvtColor(grey, grey, Imgproc.COLOR_GRAY2BGR);
        return grey;
    }

    private static Point mean(float[] p, int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            x += p[2 * i];
            y += p[2 * i + 1];
        }
        return new Point(x / (to - from), y / (to - from));
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x - b.x, a.y - b.y);
    }

    private static double iou(FaceBox a, FaceBox b) {
        double w = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double h = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        double inter = Math.max(0, w) * Math.max(0, h);
        return inter / (a.width() * a.height() + b.width() * b.height() - inter);
    }
}
