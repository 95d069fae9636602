package org.uketsuke.cardfront;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds the card in a greyscale frame: the largest convex quadrilateral, brighter than its surroundings, with about the
 * ID-1 aspect ratio (85.6 × 54 mm), covering a fair part of the frame (the patient holds it inside the on-screen frame).
 */
final class CardLocator {

    static final double ID1_ASPECT = 85.6 / 54.0;

    private CardLocator() {}

    /** The corners top-left, top-right, bottom-right, bottom-left, or empty. */
    static Optional<Point[]> locate(Mat grey) {
        Mat smooth = new Mat();
        Imgproc.GaussianBlur(grey, smooth, new Size(5, 5), 0);
        Mat binary = new Mat();
        Imgproc.threshold(smooth, binary, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        // Close the print (dark text on the pale card) so the card is one blob.
        Imgproc.morphologyEx(
                binary,
                binary,
                Imgproc.MORPH_CLOSE,
                Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(25, 25)));
        List<MatOfPoint> contours = new ArrayList<>();
        Imgproc.findContours(binary, contours, new Mat(), Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
        double frameArea = grey.rows() * (double) grey.cols();
        Optional<Point[]> best = contours.stream()
                .filter(c -> Imgproc.contourArea(c) > 0.12 * frameArea)
                .sorted(Comparator.comparingDouble((MatOfPoint c) -> Imgproc.contourArea(c))
                        .reversed())
                .map(CardLocator::quad)
                .filter(q -> q.isEmpty() || inside(q.get(), grey.cols(), grey.rows()))
                .flatMap(Optional::stream)
                .findFirst();
        smooth.release();
        binary.release();
        contours.forEach(Mat::release);
        return best;
    }

    private static Optional<Point[]> quad(MatOfPoint contour) {
        MatOfPoint2f curve = new MatOfPoint2f(contour.toArray());
        MatOfPoint2f approx = new MatOfPoint2f();
        Imgproc.approxPolyDP(curve, approx, 0.02 * Imgproc.arcLength(curve, true), true);
        Point[] points = approx.toArray();
        if (points.length != 4 || !Imgproc.isContourConvex(new MatOfPoint(points))) {
            return Optional.empty();
        }
        Point[] ordered = order(points);
        double top = distance(ordered[0], ordered[1]);
        double side = distance(ordered[1], ordered[2]);
        double aspect = top / side;
        if (aspect < ID1_ASPECT * 0.8 || aspect > ID1_ASPECT * 1.25) {
            return Optional.empty();
        }
        return Optional.of(ordered);
    }

    /** The whole card lies inside the picture (a blob touching the edge is the background, or a card half out). */
    private static boolean inside(Point[] corners, int width, int height) {
        for (Point p : corners) {
            if (p.x < 4 || p.y < 4 || p.x > width - 5 || p.y > height - 5) {
                return false;
            }
        }
        return true;
    }

    /** Orders by the sums and differences of the coordinates (a card held roughly upright). */
    static Point[] order(Point[] p) {
        Point tl = p[0];
        Point br = p[0];
        Point tr = p[0];
        Point bl = p[0];
        for (Point q : p) {
            if (q.x + q.y < tl.x + tl.y) tl = q;
            if (q.x + q.y > br.x + br.y) br = q;
            if (q.x - q.y > tr.x - tr.y) tr = q;
            if (q.x - q.y < bl.x - bl.y) bl = q;
        }
        return new Point[] {tl, tr, br, bl};
    }

    static double distance(Point a, Point b) {
        return Math.hypot(a.x - b.x, a.y - b.y);
    }

    /** The card straightened to {@code width} pixels wide (height by the ID-1 ratio). */
    static Mat straighten(Mat grey, Point[] corners, int width) {
        int height = (int) Math.round(width / ID1_ASPECT);
        Mat from = new MatOfPoint2f(corners);
        Mat to = new MatOfPoint2f(
                new Point(0, 0), new Point(width - 1, 0), new Point(width - 1, height - 1), new Point(0, height - 1));
        Mat transform = Imgproc.getPerspectiveTransform(from, to);
        Mat card = new Mat();
        Imgproc.warpPerspective(grey, card, transform, new Size(width, height), Imgproc.INTER_CUBIC);
        transform.release();
        return card;
    }

    /** Variance of the Laplacian: low on a blurred picture. */
    static double sharpness(Mat grey) {
        Mat laplacian = new Mat();
        Imgproc.Laplacian(grey, laplacian, CvType.CV_64F);
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble std = new MatOfDouble();
        Core.meanStdDev(laplacian, mean, std);
        laplacian.release();
        double s = std.get(0, 0)[0];
        return s * s;
    }
}
