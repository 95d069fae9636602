package org.uketsuke.face.camera;

/** Where live frames come from: a USB camera, or recorded frames for the demo and tests. */
public interface CameraSource extends AutoCloseable {

    /** The next frame, or why there is none. */
    Capture next();

    @Override
    void close();

    /** The outcome of asking for a frame. */
    sealed interface Capture {
        record Got(Frame frame) implements Capture {}

        /** A recorded source reached its end. */
        record Ended() implements Capture {}

        /** The camera is gone (unplugged) or gives nothing. */
        record Unavailable(String reason) implements Capture {}
    }
}
