package org.uketsuke.tools.face;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.camera.DemoFrames;

/**
 * The chip picture shown to the camera, as {@code face eval} makes it for the replay figures: the presentation attack
 * the replay check is for (ADR 0001, second addendum; ADR 0011), on a 640 × 480 grey-blue background.
 */
final class ChipReplays {

    /** How the picture is shown. */
    enum Kind {
        /** Scaled up 1.6 times, tinted warm as a screen or a print under a lamp colours it, slightly blurred. */
        TINTED("tinted, ×1.6, blurred"),
        /**
         * Colourised with a skin-like tone curve per channel (OpenCV's PINK colour map: passes the live-colour check),
         * scaled 2.0, turned 5° in the image plane, moved.
         */
        COLOURISED("colourised, ×2.0, turned 5°, moved"),
        /** Sent on as a JPEG at quality 60, scaled 1.3, turned −3°, moved, tinted cold. */
        RECOMPRESSED("JPEG q60, ×1.3, turned −3°, moved"),
        /**
         * The tinted picture tilted away by 10 % of its width: a perspective the check is not built for (ADR 0001
         * leaves tilted replays uncovered); counted apart from the flat ones.
         */
        TILTED("tinted, ×1.6, tilted 10 %");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

        boolean flat() {
            return this != TILTED;
        }

        boolean colourised() {
            return this == COLOURISED;
        }
    }

    private ChipReplays() {}

    /** A new 640 × 480 BGR frame showing the grey {@code chip} as {@code kind} says. */
    static Mat frame(Mat chip, Kind kind) {
        Mat bgr = new Mat();
        switch (kind) {
            case TINTED, TILTED -> {
                Imgproc.resize(chip, bgr, new Size(), 1.6, 1.6, Imgproc.INTER_CUBIC);
                Imgproc.cvtColor(bgr, bgr, Imgproc.COLOR_GRAY2BGR);
                Core.multiply(bgr, new Scalar(0.85, 0.95, 1.05), bgr);
                Imgproc.GaussianBlur(bgr, bgr, new Size(3, 3), 0);
            }
            case COLOURISED -> {
                Imgproc.resize(chip, bgr, new Size(), 2.0, 2.0, Imgproc.INTER_CUBIC);
                Imgproc.applyColorMap(bgr, bgr, Imgproc.COLORMAP_PINK);
            }
            case RECOMPRESSED -> {
                MatOfByte jpeg = new MatOfByte();
                Imgcodecs.imencode(".jpg", chip, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 60));
                Mat decoded = Imgcodecs.imdecode(jpeg, Imgcodecs.IMREAD_GRAYSCALE);
                Imgproc.resize(decoded, bgr, new Size(), 1.3, 1.3, Imgproc.INTER_LINEAR);
                Imgproc.cvtColor(bgr, bgr, Imgproc.COLOR_GRAY2BGR);
                Core.multiply(bgr, new Scalar(1.08, 1.0, 0.92), bgr);
                jpeg.release();
                decoded.release();
            }
        }
        Mat frame = new Mat(480, 640, bgr.type(), new Scalar(110, 100, 90));
        int dx = kind == Kind.COLOURISED ? 40 : kind == Kind.RECOMPRESSED ? -30 : 0;
        int h = Math.min(bgr.rows(), 480);
        int x = (640 - bgr.cols()) / 2 + dx;
        int y = Math.max(0, (480 - h) / 2);
        bgr.submat(new Rect(0, 0, bgr.cols(), h)).copyTo(frame.submat(new Rect(x, y, bgr.cols(), h)));
        bgr.release();
        double degrees = kind == Kind.COLOURISED ? 5 : kind == Kind.RECOMPRESSED ? -3 : 0;
        Mat out = frame;
        if (degrees != 0) {
            Mat rotation = Imgproc.getRotationMatrix2D(new Point(320, 240), degrees, 1);
            out = new Mat();
            Imgproc.warpAffine(frame, out, rotation, frame.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
            rotation.release();
            frame.release();
        }
        if (kind == Kind.TILTED) {
            Mat tilted = DemoFrames.turned(out, 0.10);
            out.release();
            out = tilted;
        }
        return out;
    }
}
