package org.uketsuke.cardfront.sim;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.ImageSequenceSource;

/**
 * A recorded camera sequence of a card front held up to the kiosk's camera (1280×720, BGR): the card comes in moving,
 * then is held still inside the on-screen frame, a little rotated and tilted (perspective), with sensor noise and a
 * slightly soft lens. Deterministic for a seed, so tests and the demo see the same frames.
 */
public final class HeldCardFrames {

    public static final int FRAME_WIDTH = 1280;
    public static final int FRAME_HEIGHT = 720;
    /** Frames in which the card is still moving in, before it is held still. */
    public static final int MOVING_FRAMES = 3;

    private HeldCardFrames() {}

    /** {@link #MOVING_FRAMES} moving frames, then {@code stillFrames} frames of the card held (nearly) still. */
    public static List<Mat> record(BufferedImage cardFront, long seed, int stillFrames) {
        OpenCv.load();
        Random random = new Random(seed);
        Core.setRNGSeed((int) seed); // the sensor noise (Core.randn) comes from OpenCV's generator
        Mat card = toMat(cardFront);
        double rotation = Math.toRadians(random.nextDouble() * 8 - 4);
        double tilt = random.nextDouble() * 0.06 - 0.03;
        double cardWidth = 820 + random.nextInt(80);
        Mat background = background(random);
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < MOVING_FRAMES + stillFrames; i++) {
            double approach = i < MOVING_FRAMES ? (MOVING_FRAMES - i) * 40.0 : 0;
            double jitterX = i < MOVING_FRAMES ? 0 : random.nextGaussian() * 0.8;
            double jitterY = i < MOVING_FRAMES ? 0 : random.nextGaussian() * 0.8;
            Point centre =
                    new Point(FRAME_WIDTH / 2.0 + approach + jitterX, FRAME_HEIGHT / 2.0 + approach / 2 + jitterY);
            frames.add(frame(card, background, corners(centre, cardWidth, rotation, tilt)));
        }
        card.release();
        background.release();
        return frames;
    }

    /** The recorded sequence as a camera (not looping: the capture screen ends at the last frame). */
    public static CameraSource camera(BufferedImage cardFront, long seed, int stillFrames, boolean loop) {
        return new ImageSequenceSource(record(cardFront, seed, stillFrames), loop);
    }

    static Point[] corners(Point centre, double width, double rotation, double tilt) {
        double height = width / (85.6 / 54.0);
        // A tilt away from the camera: the top edge a little shorter than the bottom one.
        double[][] local = {
            {-width / 2 * (1 - tilt), -height / 2}, {width / 2 * (1 - tilt), -height / 2},
            {width / 2 * (1 + tilt), height / 2}, {-width / 2 * (1 + tilt), height / 2}
        };
        Point[] points = new Point[4];
        for (int i = 0; i < 4; i++) {
            double x = local[i][0] * Math.cos(rotation) - local[i][1] * Math.sin(rotation);
            double y = local[i][0] * Math.sin(rotation) + local[i][1] * Math.cos(rotation);
            points[i] = new Point(centre.x + x, centre.y + y);
        }
        return points;
    }

    private static Mat frame(Mat card, Mat background, Point[] corners) {
        Mat from = new MatOfPoint2f(
                new Point(0, 0),
                new Point(card.cols() - 1, 0),
                new Point(card.cols() - 1, card.rows() - 1),
                new Point(0, card.rows() - 1));
        Mat transform = Imgproc.getPerspectiveTransform(from, new MatOfPoint2f(corners));
        Mat frame = background.clone();
        Imgproc.warpPerspective(
                card,
                frame,
                transform,
                new Size(FRAME_WIDTH, FRAME_HEIGHT),
                Imgproc.INTER_AREA,
                Core.BORDER_TRANSPARENT);
        Imgproc.GaussianBlur(frame, frame, new Size(3, 3), 0.7);
        Mat noise = new Mat(frame.size(), CvType.CV_16SC3);
        Core.randn(noise, 0, 5);
        Mat wide = new Mat();
        frame.convertTo(wide, CvType.CV_16SC3);
        Core.add(wide, noise, wide);
        wide.convertTo(frame, CvType.CV_8UC3);
        transform.release();
        noise.release();
        wide.release();
        return frame;
    }

    /** A dim desk-like background with a soft texture. */
    private static Mat background(Random random) {
        Mat texture = new Mat(FRAME_HEIGHT / 8, FRAME_WIDTH / 8, CvType.CV_8UC3);
        Core.randn(texture, 70 + random.nextInt(20), 18);
        Mat background = new Mat();
        Imgproc.resize(texture, background, new Size(FRAME_WIDTH, FRAME_HEIGHT), 0, 0, Imgproc.INTER_CUBIC);
        Core.add(background, new Scalar(10, 5, 0), background);
        texture.release();
        return background;
    }

    /** A Java2D image as an OpenCV BGR Mat. */
    public static Mat toMat(BufferedImage image) {
        OpenCv.load();
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.getGraphics().drawImage(image, 0, 0, null);
        }
        byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Mat mat = new Mat(bgr.getHeight(), bgr.getWidth(), CvType.CV_8UC3);
        mat.put(0, 0, pixels);
        return mat;
    }
}
