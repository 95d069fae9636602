package org.uketsuke.face.pipeline;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Alignment onto dlib's 150 × 150 face chip ({@code get_face_chip_details}, padding 0.25): a least-squares similarity
 * transform (scale, rotation, shift) from the detector's points onto the same points of dlib's mean face. From the 68
 * landmarks dlib's own choice of points (nose, eyes, outer and upper lips); from BlazeFace's keypoints the eye centres,
 * nose tip and mouth centre, placed where dlib's mean face has them (mean of each eye's six points, point 30, mean of
 * the twenty mouth points). The ears are left out: they are hidden whenever the head turns.
 */
public final class ChipAlignment {

    public static final int CHIP_SIZE = 150;
    private static final double PADDING = 0.25;

    /** dlib's mean face shape, points 17..67 of the 68-point layout, in [0, 1] (dlib image_transforms/interpolation.h). */
    private static final double[] MEAN_X = {
        0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124, 0.904991, 0.98004, 0.490127,
        0.490127, 0.490127, 0.490127, 0.36688, 0.426036, 0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825,
        0.334606, 0.260918, 0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149, 0.340985,
        0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721, 0.490127, 0.423532, 0.338094, 0.290379,
        0.428096, 0.490127, 0.552157, 0.689874, 0.553364, 0.490127, 0.42689
    };

    private static final double[] MEAN_Y = {
        0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891, 0.0187482, 0.038915, 0.106454,
        0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758,
        0.179852, 0.231733, 0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099, 0.780233,
        0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805, 0.902192, 0.909281, 0.902192, 0.864805,
        0.784792, 0.778746, 0.785343, 0.778746, 0.784792, 0.824182, 0.831803, 0.824182
    };

    /** BlazeFace's right eye, left eye, nose tip and mouth centre on the chip, x and y interleaved. */
    static final double[] KEYPOINTS_ON_CHIP = {
        chip(meanX(36, 42)), chip(meanY(36, 42)),
        chip(meanX(42, 48)), chip(meanY(42, 48)),
        chip(MEAN_X[30 - 17]), chip(MEAN_Y[30 - 17]),
        chip(meanX(48, 68)), chip(meanY(48, 68))
    };

    private ChipAlignment() {}

    /** The 2 × 3 affine matrix (CV_64F) that puts the face of {@code points} onto the chip. */
    public static Mat toChip(FacePoints points) {
        double[] m = switch (points) {
            case FacePoints.Landmarks68 l -> similarity(dlibPoints(l.xy()), dlibChipPoints());
            case FacePoints.Keypoints6 k -> similarity(firstFour(k.xy()), KEYPOINTS_ON_CHIP);
        };
        Mat mat = new Mat(2, 3, CvType.CV_64F);
        mat.put(0, 0, m);
        return mat;
    }

    /**
     * Least-squares similarity {@code [a, −b, tx, b, a, ty]} taking the points {@code from} (x, y interleaved) onto
     * {@code to} (Umeyama without reflection).
     */
    static double[] similarity(double[] from, double[] to) {
        int n = from.length / 2;
        double sx = 0;
        double sy = 0;
        double dx = 0;
        double dy = 0;
        for (int i = 0; i < n; i++) {
            sx += from[2 * i];
            sy += from[2 * i + 1];
            dx += to[2 * i];
            dy += to[2 * i + 1];
        }
        sx /= n;
        sy /= n;
        dx /= n;
        dy /= n;
        double a = 0;
        double b = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from[2 * i] - sx;
            double py = from[2 * i + 1] - sy;
            double qx = to[2 * i] - dx;
            double qy = to[2 * i + 1] - dy;
            a += px * qx + py * qy;
            b += px * qy - py * qx;
            norm += px * px + py * py;
        }
        a /= norm;
        b /= norm;
        return new double[] {a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy)};
    }

    /** dlib leaves out the jaw and eyebrows (0–26), the lower outer lip (55–59) and the lower inner lip (65–67). */
    private static boolean used(int i) {
        return i >= 27 && !(i >= 55 && i <= 59) && i < 65;
    }

    private static double[] dlibPoints(float[] p) {
        double[] out = new double[2 * 33];
        int j = 0;
        for (int i = 0; i < 68; i++) {
            if (used(i)) {
                out[j++] = p[2 * i];
                out[j++] = p[2 * i + 1];
            }
        }
        return out;
    }

    private static double[] dlibChipPoints() {
        double[] out = new double[2 * 33];
        int j = 0;
        for (int i = 0; i < 68; i++) {
            if (used(i)) {
                out[j++] = chip(MEAN_X[i - 17]);
                out[j++] = chip(MEAN_Y[i - 17]);
            }
        }
        return out;
    }

    private static double[] firstFour(float[] keypoints) {
        double[] out = new double[8];
        for (int i = 0; i < 8; i++) {
            out[i] = keypoints[i];
        }
        return out;
    }

    private static double chip(double unit) {
        return (PADDING + unit) / (2 * PADDING + 1) * CHIP_SIZE;
    }

    private static double meanX(int from, int to) {
        return mean(MEAN_X, from, to);
    }

    private static double meanY(int from, int to) {
        return mean(MEAN_Y, from, to);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i - 17];
        }
        return sum / (to - from);
    }
}
