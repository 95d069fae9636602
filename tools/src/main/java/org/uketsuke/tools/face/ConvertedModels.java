package org.uketsuke.tools.face;

import org.uketsuke.face.pipeline.BlazeFaceLocator;
import org.uketsuke.face.pipeline.DlibEmbedder;
import org.uketsuke.face.pipeline.FaceModels;

/** ADR 0011's licence-clear nets, from the face-models jar (converted at build time), checked against their pins. */
final class ConvertedModels {

    private ConvertedModels() {}

    /** dlib's public-domain recogniser. */
    static DlibEmbedder recogniser() {
        return DlibEmbedder.fromOnnx(FaceModels.bytes(FaceModels.DLIB_RECOGNISER));
    }

    /** MediaPipe BlazeFace (Apache-2.0): detector and keypoints. */
    static BlazeFaceLocator detector() {
        return BlazeFaceLocator.fromOnnx(FaceModels.bytes(FaceModels.BLAZEFACE));
    }
}
