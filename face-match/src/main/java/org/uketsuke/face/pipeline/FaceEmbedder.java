package org.uketsuke.face.pipeline;

import org.opencv.core.Mat;
import org.uketsuke.face.OpenCv;

/**
 * The pipeline's last step: the face in a frame (three-channel, in the chip's grey conditions, or the grey frame itself
 * where {@link #takesGrey}) and the points its locator found in, an embedding out, compared by {@link #similarity}.
 * The product uses {@link #dlib()}; {@code face eval} measures {@link #arcFace()} too
 * (docs/decisions/0011-licence-clear-face-models.md).
 */
public interface FaceEmbedder {

    float[] embed(Mat image, FacePoints points);

    /**
     * Whether {@link #embed} takes the pipeline's one-channel grey frame and gives exactly the embedding of the frame's
     * three-channel copy (then the pipeline makes no such copy).
     */
    default boolean takesGrey() {
        return false;
    }

    /** Overwrites and releases the buffers of face pixels this step keeps between frames ({@link FacePipeline#clear}). */
    default void clear() {}

    /** Higher is more alike, in the metric the model was trained for; the default is the cosine of unit vectors. */
    default double similarity(float[] a, float[] b) {
        return FacePipeline.cosine(a, b);
    }

    /** The product's embedder: dlib's 128-D face recognition ResNet (public domain, ADR 0011), 1 − Euclidean distance. */
    static FaceEmbedder dlib() {
        OpenCv.load();
        return DlibEmbedder.shipped();
    }

    /** ADR 0001's 512-D embedder (origin of the weights unknown): five points onto the ArcFace 112×112 template. */
    static FaceEmbedder arcFace() {
        return new ArcFaceEmbedder(FaceModels.get());
    }

    /** Scales {@code v} to unit length in place and returns it. */
    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) norm;
        }
        return v;
    }
}
