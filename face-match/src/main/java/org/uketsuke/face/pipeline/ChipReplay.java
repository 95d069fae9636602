package org.uketsuke.face.pipeline;

import org.opencv.core.Core;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.core.TermCriteria;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.Video;

/**
 * How closely a live face reproduces the chip photo's pixels — independent of the recogniser and its score scale
 * (ADR 0011, 2026-12-05 second part). Both faces are warped onto dlib's chip by the locator's points
 * ({@link FacePipeline#lastFace()}) and band-passed (smoothed, minus their shading: a lamp beside a print must not
 * change the answer); the detector's points move by a few pixels between the chip picture and a replay of it, so the
 * live face is then aligned onto the chip's by ECC (OpenCV {@code findTransformECC}: the affine warp that maximises
 * the zero-mean normalised correlation, coarse to fine) and the correlation reached is the measure — against the chip
 * and against its mirror image (a mirrored print is still the chip picture, and the recogniser matches it). A replay —
 * the chip picture printed, on a screen, colourised, scaled, moved, rotated, tilted, recompressed, lit from one side —
 * keeps the chip's pixels up to a tone curve and a warp, so it correlates near 1; a live face is another photograph,
 * taken years later with another expression, pose and light, and no affine warp makes its pixels the chip's.
 */
public final class ChipReplay {

    /** Side of the grey face square compared. */
    public static final int SIDE = 64;
    /** The face on dlib's 150 × 150 chip: the mean face spans 25..125 in x and 27..116 in y (brows to chin). */
    static final Rect FACE_ON_CHIP = new Rect(19, 19, 112, 112);

    private static final Size SMOOTHING = new Size(5, 5);
    /** The shading removed: a Gaussian of this σ (pixels of the 64-pixel face) subtracted. */
    private static final double SHADING_SIGMA = 6;

    /** How far the warp may be from a similarity (difference of the axes' scales, shear), in units of its scale. */
    private static final double MAX_DISTORTION = 0.2;

    private static final TermCriteria CONVERGED = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 60, 1e-5);

    private ChipReplay() {}

    /** The correlation (−1..1) of {@code live} with {@code chip}, both from {@link FacePipeline#lastFace()}. */
    public static double correlation(Mat chip, Mat live) {
        Mat template = bandPassed(chip);
        Mat mirrored = new Mat();
        Core.flip(template, mirrored, 1);
        Mat input = bandPassed(live);
        try {
            return Math.max(aligned(template, input), aligned(mirrored, input));
        } finally {
            for (Mat m : new Mat[] {template, mirrored, input}) {
                m.release();
            }
        }
    }

    /** The correlation after aligning {@code input} onto {@code template}: first at half size, then at full size. */
    private static double aligned(Mat template, Mat input) {
        Mat warp = Mat.eye(2, 3, CvType.CV_32F);
        Mat smallTemplate = new Mat();
        Mat smallInput = new Mat();
        Mat noMask = new Mat();
        Imgproc.pyrDown(template, smallTemplate);
        Imgproc.pyrDown(input, smallInput);
        try {
            try {
                Video.findTransformECC(smallTemplate, smallInput, warp, Video.MOTION_AFFINE, CONVERGED, noMask, 1);
                warp.put(0, 2, warp.get(0, 2)[0] * 2);
                warp.put(1, 2, warp.get(1, 2)[0] * 2);
            } catch (CvException e) {
                warp.release();
                warp = Mat.eye(
                        2, 3, CvType.CV_32F); // the coarse pass diverged: start the fine one where the points put it
            }
            double correlation =
                    Video.findTransformECC(template, input, warp, Video.MOTION_AFFINE, CONVERGED, noMask, 1);
            return plausible(warp) ? correlation : Video.computeECC(template, input);
        } catch (CvException e) {
            // ECC found no warp that raises the correlation (it diverged): the faces are unlike, compare them as
            // placed.
            return Video.computeECC(template, input);
        } finally {
            for (Mat m : new Mat[] {warp, smallTemplate, smallInput, noMask}) {
                m.release();
            }
        }
    }

    /**
     * Whether the warp ECC found is one a picture held to the camera needs after the points' alignment: near a
     * similarity (a tilt squeezes one axis by a little), scale within 0.8–1.25, a shift of at most an eighth of the
     * face. Left free, an affine warp can also squeeze a region of an unrelated face into a likeness of the chip's
     * pixels; such a warp counts for nothing and the faces are compared as the points placed them.
     */
    static boolean plausible(Mat warp) {
        double a = warp.get(0, 0)[0];
        double b = warp.get(0, 1)[0];
        double c = warp.get(1, 0)[0];
        double d = warp.get(1, 1)[0];
        double scale = Math.sqrt(Math.abs(a * d - b * c));
        return scale >= 0.8
                && scale <= 1.25
                && Math.abs(a - d) <= MAX_DISTORTION
                && Math.abs(b + c) <= MAX_DISTORTION
                && Math.abs(warp.get(0, 2)[0]) <= SIDE / 8.0
                && Math.abs(warp.get(1, 2)[0]) <= SIDE / 8.0;
    }

    private static Mat bandPassed(Mat face) {
        Mat values = new Mat();
        face.convertTo(values, CvType.CV_32F);
        Imgproc.GaussianBlur(values, values, SMOOTHING, 0);
        Mat shading = new Mat();
        Imgproc.GaussianBlur(values, shading, new Size(0, 0), SHADING_SIGMA);
        Core.subtract(values, shading, values);
        shading.release();
        return values;
    }
}
