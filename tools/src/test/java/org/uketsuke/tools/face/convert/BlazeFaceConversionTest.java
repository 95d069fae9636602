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
import org.opencv.core.MatOfByte;
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

    private static int count(JsonNode shape) {
        int n = 1;
        for (JsonNode d : shape) {
            n *= d.asInt();
        }
        return n;
    }
}
