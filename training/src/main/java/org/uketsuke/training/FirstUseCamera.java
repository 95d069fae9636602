package org.uketsuke.training;

import java.util.function.Supplier;
import org.uketsuke.face.camera.CameraSource;

/**
 * The demo's recorded camera, made when the first frame is asked for: making it loads OpenCV and computes the head
 * turns, which no start needs (cold start, docs/tuning.md); the first face check waits for it instead.
 */
final class FirstUseCamera implements CameraSource {

    private final Supplier<CameraSource> make;
    private CameraSource made;

    FirstUseCamera(Supplier<CameraSource> make) {
        this.make = make;
    }

    @Override
    public synchronized Capture next() {
        if (made == null) {
            made = make.get();
        }
        return made.next();
    }

    @Override
    public synchronized void close() {
        if (made != null) {
            made.close();
        }
    }
}
