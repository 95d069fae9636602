package org.uketsuke.face.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.opencv.core.MatOfByte;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.uketsuke.face.OpenCv;

/**
 * The pinned model files, checked against their sha256 when loaded: ADR 0011's licence-clear two, the product's (the
 * face-models jar, converted at build time from the pinned TF.js weights), and ADR 0001's three, which only face-match's
 * tests and the tools jar carry (face eval and the bench compare them; see face-match/MODELS.md). The nets of ADR 0001
 * are loaded once per process by whoever needs them first, off the FX thread.
 */
public final class FaceModels {

    /** MediaPipe BlazeFace, the 256 × 256 back-camera model (Apache-2.0): detector and six keypoints (ADR 0011). */
    public static final String BLAZEFACE = "blazeface.onnx";

    /** dlib's face recognition ResNet (public domain), 128-D (ADR 0011). */
    public static final String DLIB_RECOGNISER = "face_recognition_dlib.onnx";

    /** File name → pinned sha256 (ADR 0011's two are the converter's pins, tools' conversion tests keep them equal). */
    public static final Map<String, String> PINNED = Map.of(
            BLAZEFACE,
            "a6c500a4eb8028aa5bc53d04a854df82d1edeba2002b34b60e613b36c2ed803c",
            DLIB_RECOGNISER,
            "214d49fb646dbcc02461d0c1b2f615ca88167919687e1c5a3ece3d2aeb89d3fc",
            "fr_detect.onnx",
            "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854",
            "fr_landmark.onnx",
            "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258",
            "fr_feature.onnx",
            "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");

    private static volatile FaceModels instance;

    final Net detector;
    final Net landmarks;
    final Net embedder;

    private FaceModels() {
        OpenCv.load();
        detector = load("fr_detect.onnx");
        landmarks = load("fr_landmark.onnx");
        embedder = load("fr_feature.onnx");
    }

    /** Loads the product's two models into OpenCV DNN, each checked against its pin (the self-check's proof). */
    public static void checkShipped() {
        OpenCv.load();
        for (String name : new String[] {BLAZEFACE, DLIB_RECOGNISER}) {
            load(name);
        }
    }

    /** ADR 0001's nets: on face-match's test and the tools class paths only. */
    public static FaceModels get() {
        if (instance == null) {
            synchronized (FaceModels.class) {
                if (instance == null) {
                    instance = new FaceModels();
                }
            }
        }
        return instance;
    }

    /** The bytes of a pinned model, after checking its sha256. */
    public static byte[] bytes(String name) {
        try (InputStream in = FaceModels.class.getResourceAsStream("/org/uketsuke/face/models/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "model " + name + " is not in the build (run the face-models and face-match builds)");
            }
            byte[] bytes = in.readAllBytes();
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!sha.equals(PINNED.get(name))) {
                throw new IllegalStateException("model " + name + " does not match its pinned sha256");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Net load(String name) {
        MatOfByte buffer = new MatOfByte(bytes(name));
        Net net = Dnn.readNetFromONNX(buffer);
        buffer.release();
        return net;
    }
}
