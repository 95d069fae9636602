package org.uketsuke.face.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
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
     * A looping camera over the portrait, the head turned to either side frame to frame like a person in front of the
     * kiosk ({@link #headTurned}). Never the photograph itself, nor a flat view of it (a tilted or moved picture): that
     * is where the chip photo was made from, so it is a replay of the chip picture and is refused as one
     * ({@code ChipReplay}) — a live camera never reproduces the card's photo.
     */
    public static CameraSource camera() {
        Mat portrait = portrait();
        List<Mat> frames = new ArrayList<>();
        for (double yaw : DEMO_TURNS) {
            frames.add(headTurned(portrait, yaw));
        }
        portrait.release();
        return new ImageSequenceSource(frames, true);
    }

    /** The head turns the demo camera plays, as fractions of the face width ({@link #headTurned}). */
    private static final double[] DEMO_TURNS = {0.25, -0.28, 0.3, -0.26};

    /** Where the portrait's face is (centre x, y; width, height in pixels of the 512 × 512 picture), as RFB-320 finds it. */
    private static final double[] PORTRAIT_FACE = {224, 118, 90, 110};

    /**
     * The portrait's person turning her head by {@code yaw} (a fraction of the face width, positive to the right): what
     * lies nearer the camera moves further — the face more than the background, the nose more than the cheeks —, which a
     * flat picture, however it is tilted or moved, cannot do (a live face differs from the chip photo by such parallax,
     * another expression and other light; this stands in for it, as the demo has one photograph of her). A smooth depth
     * of the head (a Gaussian over the face) and of the nose (a narrower one) shifts each pixel sideways.
     */
    public static Mat headTurned(Mat portrait, double yaw) {
        double cx = PORTRAIT_FACE[0] * portrait.cols() / 512.0;
        double cy = PORTRAIT_FACE[1] * portrait.rows() / 512.0;
        double w = PORTRAIT_FACE[2] * portrait.cols() / 512.0;
        double h = PORTRAIT_FACE[3] * portrait.rows() / 512.0;
        int cols = portrait.cols();
        float[] xs = new float[cols * portrait.rows()];
        float[] ys = new float[xs.length];
        for (int y = 0; y < portrait.rows(); y++) {
            for (int x = 0; x < cols; x++) {
                double head = gaussian((x - cx) / (0.45 * w), (y - cy) / (0.6 * h));
                double nose = gaussian((x - cx) / (0.12 * w), (y - cy - 0.05 * h) / (0.18 * h));
                xs[y * cols + x] = (float) (x - yaw * w * (0.35 * head + 0.25 * nose));
                ys[y * cols + x] = y;
            }
        }
        Mat mapX = new Mat(portrait.size(), CvType.CV_32F);
        Mat mapY = new Mat(portrait.size(), CvType.CV_32F);
        mapX.put(0, 0, xs);
        mapY.put(0, 0, ys);
        Mat out = new Mat();
        Imgproc.remap(portrait, out, mapX, mapY, Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        mapX.release();
        mapY.release();
        return out;
    }

    private static double gaussian(double u, double v) {
        return Math.exp(-(u * u + v * v) / 2);
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
