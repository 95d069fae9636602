package org.uketsuke.face.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.OpenCv;

/**
 * The demo's recorded "camera": a public-domain portrait (NASA, Eileen Collins) shipped in the jar, played as a few
 * slightly turned views, and the same person's chip photo made the way the card stores it (greyscale, small,
 * JPEG 2000).
 */
public final class DemoFrames {

    private DemoFrames() {}

    public static Mat portrait() {
        OpenCv.load();
        try (InputStream in = DemoFrames.class.getResourceAsStream("/org/uketsuke/face/demo/portrait.png")) {
            if (in == null) {
                throw new IllegalStateException("demo portrait missing from the build");
            }
            MatOfByte bytes = new MatOfByte(in.readAllBytes());
            Mat image = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
            bytes.release();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A looping camera over the portrait, turned a little to either side frame to frame like a person in front of the
     * kiosk. Never the photograph itself: that is where the chip photo was made from, so it would score as a replay of
     * the chip picture (PresentationChecks) — a live camera never reproduces the card's photo.
     */
    public static CameraSource camera() {
        Mat portrait = portrait();
        List<Mat> frames = new ArrayList<>();
        for (double yaw : new double[] {0.08, -0.09, 0.11, -0.12}) {
            frames.add(turned(portrait, yaw));
        }
        portrait.release();
        return new ImageSequenceSource(frames, true);
    }

    /**
     * The picture seen as if the head turned sideways: a perspective warp that narrows one side by {@code yaw} of the
     * width (positive: the right side, negative: the left).
     */
    public static Mat turned(Mat image, double yaw) {
        double w = image.cols();
        double h = image.rows();
        double d = Math.abs(yaw) * w;
        MatOfPoint2f from = new MatOfPoint2f(new Point(0, 0), new Point(w, 0), new Point(w, h), new Point(0, h));
        MatOfPoint2f to = yaw >= 0
                ? new MatOfPoint2f(
                        new Point(0, 0), new Point(w - d, d / 2), new Point(w - d, h - d / 2), new Point(0, h))
                : new MatOfPoint2f(new Point(d, d / 2), new Point(w, 0), new Point(w, h), new Point(d, h - d / 2));
        Mat transform = Imgproc.getPerspectiveTransform(from, to);
        Mat out = new Mat();
        Imgproc.warpPerspective(
                image, out, transform, image.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE, new Scalar(0));
        for (Mat m : new Mat[] {from, to, transform}) {
            m.release();
        }
        return out;
    }

    /** The chip photo of the same person: head crop, greyscale, 180×222, JPEG 2000. */
    public static byte[] chipPhotoJp2() {
        Mat portrait = portrait();
        Mat head = new Mat(portrait, new Rect(110, 0, 260, 320));
        Mat grey = new Mat();
        Imgproc.cvtColor(head, grey, Imgproc.COLOR_BGR2GRAY);
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(180, 222), 0, 0, Imgproc.INTER_AREA);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jp2", small, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, 200));
        for (Mat m : new Mat[] {portrait, grey, small}) {
            m.release();
        }
        return out.toArray();
    }

    /**
     * The mismatch persona's chip photo: another person (the CC0 cameraman of Debian's python3-skimage, shipped
     * beside the portrait), cropped and stored like {@link #chipPhotoJp2()} — the recorded camera never matches it.
     */
    public static byte[] otherPersonChipPhotoJp2() {
        OpenCv.load();
        try (InputStream in = DemoFrames.class.getResourceAsStream("/org/uketsuke/face/demo/other-person.png")) {
            if (in == null) {
                throw new IllegalStateException("mismatch persona's photo missing from the build");
            }
            MatOfByte bytes = new MatOfByte(in.readAllBytes());
            Mat grey = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_GRAYSCALE);
            Mat head = new Mat(grey, new Rect(110, 30, 200, 246));
            Mat small = new Mat();
            Imgproc.resize(head, small, new Size(180, 222), 0, 0, Imgproc.INTER_AREA);
            MatOfByte out = new MatOfByte();
            Imgcodecs.imencode(".jp2", small, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, 200));
            for (Mat m : new Mat[] {bytes, grey, small}) {
                m.release();
            }
            return out.toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
