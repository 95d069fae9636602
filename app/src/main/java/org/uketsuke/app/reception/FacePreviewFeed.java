package org.uketsuke.app.reception;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.pipeline.FaceVerifier;
import org.uketsuke.face.pipeline.QualityIssue;

/**
 * The face check's live frames for the kiosk screen, while the check runs: each a small copy (320 px wide, BGR) with
 * what the quality gates made of it, then {@link Update.Ended} when the decision is made — the screen drops the
 * picture then. Memory only: nothing here is written or logged, and the copies are not kept.
 */
public final class FacePreviewFeed implements FaceVerifier.FrameObserver {

    static final int PREVIEW_WIDTH = 320;

    /** What the screen is told. */
    public sealed interface Update {
        /** @param issue why the frame was not scored (guidance for the patient), or null for a good face */
        record Frame(int width, int height, byte[] bgr, QualityIssue issue) implements Update {}

        /** The check is over: show no picture any more. */
        record Ended() implements Update {}

        /** The camera gives no frames at all. */
        record CameraUnavailable() implements Update {}
    }

    private final List<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();

    /** @param listener called on the face check's thread */
    public void subscribe(Consumer<Update> listener) {
        listeners.add(listener);
    }

    @Override
    public void frame(Mat bgr, QualityIssue issue) {
        if (listeners.isEmpty() || bgr.empty()) {
            return;
        }
        Mat small = new Mat();
        try {
            double scale = PREVIEW_WIDTH / (double) bgr.cols();
            Imgproc.resize(
                    bgr,
                    small,
                    new Size(PREVIEW_WIDTH, Math.max(1, Math.round(bgr.rows() * scale))),
                    0,
                    0,
                    Imgproc.INTER_AREA);
            if (small.channels() == 1) {
                Imgproc.cvtColor(small, small, Imgproc.COLOR_GRAY2BGR);
            }
            byte[] pixels = new byte[(int) (small.total() * small.channels())];
            small.get(0, 0, pixels);
            Update update = new Update.Frame(small.cols(), small.rows(), pixels, issue);
            listeners.forEach(l -> l.accept(update));
        } finally {
            small.release();
        }
    }

    /** The camera cannot be used: screens say so. */
    public void unavailable() {
        Update unavailable = new Update.CameraUnavailable();
        listeners.forEach(l -> l.accept(unavailable));
    }

    /** The decision is made (or the check stopped): screens drop the picture. */
    public void end() {
        Update ended = new Update.Ended();
        listeners.forEach(l -> l.accept(ended));
    }
}
