package org.uketsuke.face.pipeline;

import java.util.List;
import org.opencv.core.Mat;
import org.uketsuke.face.OpenCv;

/**
 * The pipeline's first steps: faces in a frame (three-channel, in the chip's grey conditions, or the grey frame itself
 * where {@link #takesGrey}) and, for the one face that passes the quality gates, the points its alignment uses. Not
 * thread-safe: one per pipeline.
 */
public interface FaceLocator {

    /** The product's detector: MediaPipe BlazeFace and its six keypoints (Apache-2.0, ADR 0011). */
    static FaceLocator blazeFace() {
        OpenCv.load();
        return BlazeFaceLocator.shipped();
    }

    /** ADR 0001's detector (RFB-320) and 68-point landmark net, origin of the weights unknown: measured by face eval only. */
    static FaceLocator rfb() {
        return new RfbLocator(FaceModels.get());
    }

    /** Detected faces, in pixels of {@code image}. */
    List<FaceBox> detect(Mat image);

    /** The alignment points of {@code face}, one of the boxes the last {@link #detect} returned for this frame. */
    FacePoints points(Mat grey, FaceBox face);

    /**
     * Whether {@link #detect} takes the pipeline's one-channel grey frame and finds in it exactly what it finds in the
     * frame's three-channel copy (then the pipeline makes no such copy).
     */
    default boolean takesGrey() {
        return false;
    }

    /** Overwrites and releases the buffers of frame pixels this step keeps between frames ({@link FacePipeline#clear}). */
    default void clear() {}
}
