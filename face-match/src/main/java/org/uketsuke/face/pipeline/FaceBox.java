package org.uketsuke.face.pipeline;

/** A detected face in image pixels. */
public record FaceBox(double x1, double y1, double x2, double y2, float score) {

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }
}
