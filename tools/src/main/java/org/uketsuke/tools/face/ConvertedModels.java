package org.uketsuke.tools.face;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.uketsuke.face.pipeline.BlazeFaceLocator;
import org.uketsuke.face.pipeline.DlibEmbedder;
import org.uketsuke.tools.face.convert.ConvertFaceModels;

/** ADR 0011's licence-clear nets, converted at build time into the tools jar and checked against their pins. */
final class ConvertedModels {

    private ConvertedModels() {}

    /** dlib's public-domain recogniser. */
    static DlibEmbedder recogniser() {
        return DlibEmbedder.fromOnnx(bytes(ConvertFaceModels.RECOGNITION_ONNX, ConvertFaceModels.RECOGNITION_SHA256));
    }

    /** MediaPipe BlazeFace (Apache-2.0): detector and keypoints. */
    static BlazeFaceLocator detector() {
        return BlazeFaceLocator.fromOnnx(bytes(ConvertFaceModels.BLAZEFACE_ONNX, ConvertFaceModels.BLAZEFACE_SHA256));
    }

    static byte[] bytes(String file, String sha256) {
        String resource = "/org/uketsuke/tools/face/models/" + file;
        try (InputStream in = ConvertedModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the build (run the tools build)");
            }
            byte[] onnx = in.readAllBytes();
            if (!ConvertFaceModels.sha256(onnx).equals(sha256)) {
                throw new IllegalStateException(resource + " does not match its pinned sha256");
            }
            return onnx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
