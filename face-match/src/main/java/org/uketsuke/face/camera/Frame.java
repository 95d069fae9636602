package org.uketsuke.face.camera;

import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * One camera picture, in memory only (BGR, as OpenCV delivers it). Never written anywhere; {@link #clear()} releases
 * the pixels as soon as a decision is made.
 */
public final class Frame implements AutoCloseable {

    private final Mat pixels;
    private final long capturedNanos;

    public Frame(Mat pixels, long capturedNanos) {
        this.pixels = pixels;
        this.capturedNanos = capturedNanos;
    }

    public Mat pixels() {
        if (pixels.empty()) {
            throw new IllegalStateException("the frame was cleared");
        }
        return pixels;
    }

    public long capturedNanos() {
        return capturedNanos;
    }

    public int width() {
        return pixels.cols();
    }

    public int height() {
        return pixels.rows();
    }

    /** Overwrites and releases the pixels. */
    public void clear() {
        if (!pixels.empty()) {
            pixels.setTo(new Scalar(0, 0, 0));
            pixels.release();
        }
    }

    @Override
    public void close() {
        clear();
    }
}
