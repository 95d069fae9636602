package org.uketsuke.tools.face.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfDouble;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.pipeline.FaceModels;

/**
 * MediaPipe BlazeFace (Apache-2.0), converted from its TF.js graph model, gives tensorflow.js's outputs: every 7th value
 * of each of the four outputs and their sums of absolute values, recorded once by
 * {@code tools/models/record-blazeface-reference.js} on a window of the public-domain astronaut portrait (the image is
 * not committed). The converted bytes are pinned, like the recogniser's.
 */
class BlazeFaceConversionTest {

    @Test
    void theConvertedGraphGivesTensorflowJsOutputsAndIsPinned() throws Exception {
        OpenCv.load();
        byte[] onnx = TfjsGraphConverter.convert(Path.of(System.getProperty("uketsuke.tfjsModels"), "blazeface.json"));
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/org/uketsuke/tools/face/blazeface-reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        Net net = Dnn.readNetFromONNX(new MatOfByte(onnx));
        List<String> names = new ArrayList<>();
        reference.get("outputs").forEach(o -> names.add(o.get("name").asText()));
        List<float[]> outputs = BlazeFaceWindow.outputs(
                net,
                reference.get("x").asInt(),
                reference.get("y").asInt(),
                reference.get("size").asInt(),
                names);
        for (int k = 0; k < names.size(); k++) {
            JsonNode expected = reference.get("outputs").get(k);
            float[] values = outputs.get(k);
            double sumAbs = 0;
            double worst = 0;
            for (int i = 0; i < values.length; i++) {
                sumAbs += Math.abs(values[i]);
                if (i % 7 == 0) {
                    double e = expected.get("every7th").get(i / 7).asDouble();
                    worst = Math.max(worst, Math.abs(e - values[i]) / Math.max(1, Math.abs(e)));
                }
            }
            System.out.printf(
                    "%s: worst relative |Δ| %.2e, sum |v| %.3f vs %.3f%n",
                    names.get(k), worst, sumAbs, expected.get("sumAbs").asDouble());
            assertThat(values).hasSize(count(expected.get("shape")));
            assertThat(worst).as(names.get(k)).isLessThan(1e-4);
            assertThat(sumAbs).isCloseTo(expected.get("sumAbs").asDouble(), Percentage.withPercentage(1e-3));
        }
        assertThat(ConvertFaceModels.sha256(onnx)).isEqualTo(ConvertFaceModels.BLAZEFACE_SHA256);
        assertThat(FaceModels.PINNED.get(ConvertFaceModels.BLAZEFACE_ONNX))
                .isEqualTo(ConvertFaceModels.BLAZEFACE_SHA256);
        assertThat(FaceModels.bytes(FaceModels.BLAZEFACE))
                .as("the face-models jar's file")
                .isEqualTo(onnx);
    }

    /**
     * OpenCV's DNN (CPU) fuses each of BlazeFace's 31 residual adds, and the ReLU after it, into the convolution before
     * it, as the converter writes them (see {@code TfjsGraphConverter}): a fused layer is skipped and reports no time.
     * The former file left 30 of the 31 adds and their ReLUs as passes of their own.
     */
    @Test
    void everyResidualAddAndReluIsFusedIntoAConvolution() {
        OpenCv.load();
        Net net = Dnn.readNetFromONNX(new MatOfByte(FaceModels.bytes(FaceModels.BLAZEFACE)));
        net.setInput(Mat.zeros(new int[] {1, 3, 256, 256}, CvType.CV_32F));
        net.forward(new ArrayList<>(), net.getUnconnectedOutLayersNames());
        MatOfDouble timings = new MatOfDouble();
        net.getPerfProfile(timings);
        double[] ticks = timings.toArray();
        List<String> names = net.getLayerNames();
        assertThat(ticks).hasSameSizeAs(names);
        List<String> adds = new ArrayList<>();
        List<String> relus = new ArrayList<>();
        List<String> unfused = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String type = net.getLayer(i + 1).get_type();
            boolean add = type.equals("NaryEltwise") || type.equals("Eltwise");
            if (add) {
                adds.add(names.get(i));
            } else if (type.equals("ReLU")) {
                relus.add(names.get(i));
            }
            if ((add || type.equals("ReLU")) && ticks[i] > 0) {
                unfused.add(names.get(i) + " (" + type + ")");
            }
        }
        assertThat(adds).hasSize(31);
        assertThat(relus).hasSizeGreaterThanOrEqualTo(31);
        assertThat(unfused)
                .as("adds and ReLUs OpenCV ran as layers of their own")
                .isEmpty();
    }

    private static int count(JsonNode shape) {
        int n = 1;
        for (JsonNode d : shape) {
            n *= d.asInt();
        }
        return n;
    }
}
