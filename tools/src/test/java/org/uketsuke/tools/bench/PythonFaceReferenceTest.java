package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.pipeline.BlazeFaceLocator;
import org.uketsuke.face.pipeline.DlibEmbedder;
import org.uketsuke.face.pipeline.FaceBox;
import org.uketsuke.face.pipeline.FaceEmbedder;
import org.uketsuke.face.pipeline.FaceLocator;
import org.uketsuke.face.pipeline.FaceModels;
import org.uketsuke.face.pipeline.FacePipeline;

/**
 * The bench's "Java vs Python" face rows compare the same work: face-match/bench/pipeline.py, run on the public-domain
 * astronaut portrait, finds the same face box, BlazeFace keypoints and embedding as the Java pipeline, for ADR 0011's
 * licence-clear pipeline and for ADR 0001's. Skipped where Debian's python3-opencv is not installed (the bench then
 * reports its Python rows as not measured).
 */
class PythonFaceReferenceTest {

    private static final Path SCRIPT = Path.of("..", "face-match", "bench", "pipeline.py");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path models;

    private static Path image;
    private static Mat portrait;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && pythonHasOpenCv(), "python3-opencv is not installed");
        OpenCv.load();
        for (String name : FaceModels.PINNED.keySet()) {
            Files.write(models.resolve(name), FaceModels.bytes(name));
        }
        image = Path.of(System.getProperty("uketsuke.testImages"), "astronaut.png");
        portrait = Imgcodecs.imread(image.toString());
        assertThat(portrait.empty())
                .as("test image fetched by face-match's build")
                .isFalse();
    }

    @Test
    void theLicenceClearPipelineFindsTheSameFaceKeypointsAndDescriptorInPython() throws Exception {
        BlazeFaceLocator locator = BlazeFaceLocator.fromOnnx(FaceModels.bytes(FaceModels.BLAZEFACE));
        DlibEmbedder embedder = DlibEmbedder.fromOnnx(FaceModels.bytes(FaceModels.DLIB_RECOGNISER));
        var java = (FacePipeline.Analysis.Face) new FacePipeline(locator, embedder).analyse(portrait);
        float[] keypoints = locator.points(new Mat(), java.box()).xy();
        JsonNode python = analyse("blazeface-dlib");

        assertSameBox(java.box(), python.get("box"));
        for (int i = 0; i < keypoints.length; i++) {
            assertThat(python.get("keypoints").get(i).asDouble())
                    .as("keypoint value %d", i)
                    .isCloseTo(keypoints[i], within(0.05));
        }
        float[] descriptor = floats(python.get("embedding"));
        double distance = 1 - embedder.similarity(java.embedding(), descriptor);
        System.out.printf(
                "BlazeFace + dlib, Java vs Python (OpenCV %s): descriptor distance %.2e%n",
                python.get("opencv").asText(), distance);
        assertThat(distance)
                .as("dlib distance between Java's and Python's descriptors")
                .isLessThan(1e-3);
    }

    @Test
    void adr0001sPipelineFindsTheSameFaceAndEmbeddingInPython() throws Exception {
        // ADR 0001's steps by name: FacePipeline() is the licence-clear pipeline since the switch.
        var java = (FacePipeline.Analysis.Face)
                new FacePipeline(FaceLocator.rfb(), FaceEmbedder.arcFace()).analyse(portrait);
        JsonNode python = analyse("adr0001");

        assertSameBox(java.box(), python.get("box"));
        double cosine = FacePipeline.cosine(java.embedding(), floats(python.get("embedding")));
        System.out.printf("ADR 0001, Java vs Python: cosine %.6f%n", cosine);
        assertThat(cosine).isGreaterThan(0.999);
    }

    /** Python gives FacePipeline.area's integer rectangle of the box: x, y, width, height. */
    private static void assertSameBox(FaceBox box, JsonNode xywh) {
        assertThat(List.of(
                        xywh.get(0).asInt(),
                        xywh.get(1).asInt(),
                        xywh.get(2).asInt(),
                        xywh.get(3).asInt()))
                .isEqualTo(List.of((int) box.x1(), (int) box.y1(), (int) Math.max(1, box.width()), (int)
                        Math.max(1, box.height())));
    }

    private static JsonNode analyse(String pipeline) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        PYTHON.toString(),
                        SCRIPT.toString(),
                        "--analyse",
                        pipeline,
                        models.toString(),
                        image.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("pipeline.py --analyse " + pipeline).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.has("box")).as("Python found the face: " + out).isTrue();
        return json;
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    private static boolean pythonHasOpenCv() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import cv2, numpy")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor() == 0;
    }
}
