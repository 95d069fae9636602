package org.uketsuke.face.camera;

import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;
import org.uketsuke.face.OpenCv;

/** A USB camera through OpenCV's VideoCapture; a failed read is reported as unavailable (unplugged), not thrown. */
public final class OpenCvCameraSource implements CameraSource {

    private final VideoCapture capture;

    public OpenCvCameraSource(int device, int width, int height, int fps) {
        OpenCv.load();
        capture = new VideoCapture(device);
        capture.set(Videoio.CAP_PROP_FRAME_WIDTH, width);
        capture.set(Videoio.CAP_PROP_FRAME_HEIGHT, height);
        capture.set(Videoio.CAP_PROP_FPS, fps);
    }

    /** Whether the device could be opened (connected, and not held by another program). */
    public boolean opened() {
        return capture.isOpened();
    }

    @Override
    public Capture next() {
        if (!capture.isOpened()) {
            return new Capture.Unavailable("camera not open (not connected?)");
        }
        Mat pixels = new Mat();
        if (!capture.read(pixels) || pixels.empty()) {
            pixels.release();
            return new Capture.Unavailable("camera gave no frame (unplugged?)");
        }
        return new Capture.Got(new Frame(pixels, System.nanoTime()));
    }

    @Override
    public void close() {
        capture.release();
    }
}
