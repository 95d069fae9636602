package org.uketsuke.face.pipeline;

/** The points a detector gives for aligning one face, in image pixels, x and y interleaved. */
public sealed interface FacePoints {

    float[] xy();

    /** dlib's 68-point layout (ADR 0001's landmark net behind the RFB-320 detector). */
    record Landmarks68(float[] xy) implements FacePoints {}

    /** BlazeFace's six keypoints, in {@link BlazeFace.Keypoint} order (ADR 0011's detector). */
    record Keypoints6(float[] xy) implements FacePoints {}
}
