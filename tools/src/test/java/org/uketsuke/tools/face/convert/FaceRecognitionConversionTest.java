package org.uketsuke.tools.face.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgcodecs.Imgcodecs;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.pipeline.FaceModels;

/**
 * The converted recognition net gives the original's outputs: face-api.js 0.22.2 on tensorflow.js (CPU backend) was
 * run once on three 150×150 inputs — crops of the two CC0 portraits the build fetches and a computed pattern — by
 * {@code tools/models/record-face-recognition-reference.js}; its descriptors are committed, the images are not.
 */
class FaceRecognitionConversionTest {

    @TempDir
    static Path work;

    private static Net net;
    private static JsonNode reference;
    private static byte[] onnx;

    @BeforeAll
    static void convert() throws Exception {
        OpenCv.load();
        Path tfjs = Path.of(System.getProperty("uketsuke.tfjsModels"));
        onnx = Files.readAllBytes(ConvertFaceModels.convert(tfjs, work.resolve("out"), work.resolve("cache")));
        net = Dnn.readNetFromONNX(new MatOfByte(onnx));
        try (InputStream in = FaceRecognitionConversionTest.class.getResourceAsStream(
                "/org/uketsuke/tools/face/face-recognition-reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theConvertedNetGivesTheOriginalsDescriptors() {
        for (JsonNode expected : reference.get("outputs")) {
            float[] descriptor = descriptor(input(expected));
            double maxDiff = 0;
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int i = 0; i < 128; i++) {
                double e = expected.get("descriptor").get(i).asDouble();
                maxDiff = Math.max(maxDiff, Math.abs(e - descriptor[i]));
                dot += e * descriptor[i];
                a += e * e;
                b += descriptor[i] * (double) descriptor[i];
            }
            System.out.printf(
                    "%s: max |Δ| %.2e, cosine %.8f%n", expected.get("name").asText(), maxDiff, dot / Math.sqrt(a * b));
            assertThat(maxDiff).as(expected.get("name").asText()).isLessThan(1e-5);
        }
    }

    @Test
    void theConversionIsPinnedAndASecondBuildComesFromTheCache() throws Exception {
        assertThat(ConvertFaceModels.sha256(onnx)).isEqualTo(ConvertFaceModels.RECOGNITION_SHA256);
        Path cached = work.resolve("cache").resolve(ConvertFaceModels.RECOGNITION_SHA256 + ".onnx");
        assertThat(cached).exists();
        Path tampered = Files.createDirectories(work.resolve("tampered"));
        Files.write(tampered.resolve(ConvertFaceModels.RECOGNITION_SHA256 + ".onnx"), new byte[] {1, 2, 3});
        Path again = ConvertFaceModels.convert(
                Path.of(System.getProperty("uketsuke.tfjsModels")), work.resolve("again"), tampered);
        assertThat(ConvertFaceModels.sha256(Files.readAllBytes(again)))
                .as("a cached file that is not the pinned one is converted anew")
                .isEqualTo(ConvertFaceModels.RECOGNITION_SHA256);
    }

    @Test
    void theFileTheProductLoadsIsTheConvertersPinnedOutput() {
        assertThat(FaceModels.PINNED.get(ConvertFaceModels.RECOGNITION_ONNX))
                .isEqualTo(ConvertFaceModels.RECOGNITION_SHA256);
        assertThat(FaceModels.bytes(FaceModels.DLIB_RECOGNISER)).isEqualTo(onnx);
    }

    /** The 150×150 RGB window the recorder took, as the float RGB pixels face-api.js saw. */
    private static Mat input(JsonNode expected) {
        String name = expected.get("name").asText();
        Mat rgb = new Mat(150, 150, CvType.CV_8UC3);
        if (name.equals("pattern")) {
            byte[] pixels = new byte[150 * 150 * 3];
            for (int y = 0; y < 150; y++) {
                for (int x = 0; x < 150; x++) {
                    for (int c = 0; c < 3; c++) {
                        pixels[(y * 150 + x) * 3 + c] = (byte) ((x * 7 + y * 13 + c * 101) % 256);
                    }
                }
            }
            rgb.put(0, 0, pixels);
            return rgb;
        }
        Mat image = Imgcodecs.imread(Path.of(System.getProperty("uketsuke.testImages"), name + ".png")
                .toString());
        assertThat(image.empty()).isFalse();
        Mat window = new Mat(
                image, new Rect(expected.get("x").asInt(), expected.get("y").asInt(), 150, 150));
        org.opencv.imgproc.Imgproc.cvtColor(window, rgb, org.opencv.imgproc.Imgproc.COLOR_BGR2RGB);
        return rgb;
    }

    private static float[] descriptor(Mat rgb) {
        double[] mean = FaceRecognitionNetConverter.MEAN_RGB;
        Mat blob = Dnn.blobFromImage(
                rgb, 1 / 256.0, new Size(150, 150), new Scalar(mean[0], mean[1], mean[2]), false, false);
        net.setInput(blob);
        Mat out = net.forward();
        float[] descriptor = new float[(int) out.total()];
        out.reshape(1, 1).get(0, 0, descriptor);
        return descriptor;
    }
}
