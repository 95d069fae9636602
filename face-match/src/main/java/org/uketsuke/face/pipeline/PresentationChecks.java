package org.uketsuke.face.pipeline;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Passive presentation-attack checks on single frames, beside the frozen-frame check of {@link FaceVerifier}. What they
 * cover and what they do not is in docs/decisions/0001-face-models.md (addendum of 2026-12-03, second part).
 *
 * <ul>
 *   <li><b>Live colour</b>: the chip photo is greyscale, so a print or a screen showing it — or any greyscale picture —
 *       gives a colour camera a face whose chromaticity hardly varies (at most a uniform tint from the light or the
 *       screen's white point), while live skin, lips, eyes and hair differ in hue. The measure is the spread of the rg
 *       chromaticity over the face box at 16×16: live faces 0.0137–0.084 (79 faces in colour photos), greyscale prints
 *       and screen replays made from 121 faces (484 pictures) at most 0.0094.</li>
 *   <li><b>Replay ceiling</b>: a face whose pixels reproduce the chip photo's ({@link ChipReplay}: correlation of the
 *       two aligned grey faces after an affine refinement) is the chip picture held to the camera, whatever the
 *       recogniser scores it — a presentation attack, not a better match. Measured and chosen in
 *       docs/decisions/0011-licence-clear-face-models.md (2026-12-05, second part).</li>
 * </ul>
 *
 * @param requireLiveColour refuse frames whose face has no colour (off only for a camera that delivers greyscale)
 * @param replayCeiling {@link ChipReplay#correlation} at or above which a frame is a replay of the chip photo (above 1:
 *     off)
 */
public record PresentationChecks(boolean requireLiveColour, double replayCeiling) {

    /** Below this spread of rg chromaticity (16×16 face cells) the face in a colour frame is a greyscale picture. */
    public static final double MIN_CHROMA_SPREAD = 0.012;
    /** Pixels darker than this (sum of B, G, R) carry too little light for a stable chromaticity. */
    private static final int MIN_CHANNEL_SUM = 60;

    private static final int CELLS = 16;
    /** The share of the face box's width and height whose chromaticity is measured, centred. */
    private static final double CENTRAL = 0.9;

    /** The correlation with the chip photo's face at or above which a frame is the chip picture itself (ADR 0011). */
    public static final double REPLAY_CORRELATION = 0.95;

    public static PresentationChecks defaults() {
        return new PresentationChecks(true, REPLAY_CORRELATION);
    }

    /** No presentation-attack check beyond the frozen-frame one. */
    public static PresentationChecks none() {
        return new PresentationChecks(false, Double.POSITIVE_INFINITY);
    }

    /** True when the face in {@code frame} (BGR as the camera delivers it) shows the colour of a live face. */
    public boolean liveColour(Mat frame, FaceBox face) {
        return !requireLiveColour || chromaSpread(frame, face) >= MIN_CHROMA_SPREAD;
    }

    /** True when the replay check runs. */
    public boolean checksReplay() {
        return replayCeiling <= 1;
    }

    /** True when a face correlating {@code correlation} with the chip photo's ({@link ChipReplay}) is the chip picture. */
    public boolean replayOfChipPhoto(double correlation) {
        return correlation >= replayCeiling;
    }

    /**
     * The standard deviation of the rg chromaticity (r = R/(R+G+B), g = G/(R+G+B)) over the face box averaged down to
     * 16×16 cells: a uniform colour cast leaves it at zero, sensor noise is averaged away, live faces vary. A
     * one-channel frame, or one whose face is too dark to tell, has no colour: 0.
     */
    public static double chromaSpread(Mat frame, FaceBox face) {
        if (frame.channels() < 3) {
            return 0;
        }
        // The box's central part: BlazeFace's box reaches further into hair and background than RFB-320's did, and a
        // screen's sub-pixels fringe colour along those edges (ADR 0011, the live-colour gate re-measured).
        double insetX = face.width() * (1 - CENTRAL) / 2;
        double insetY = face.height() * (1 - CENTRAL) / 2;
        int x = (int) Math.max(0, face.x1() + insetX);
        int y = (int) Math.max(0, face.y1() + insetY);
        int w = (int) Math.min(frame.cols() - x, Math.max(1, face.width() * CENTRAL));
        int h = (int) Math.min(frame.rows() - y, Math.max(1, face.height() * CENTRAL));
        Mat crop = new Mat(frame, new Rect(x, y, w, h));
        Mat cells = new Mat();
        Imgproc.resize(crop, cells, new Size(CELLS, CELLS), 0, 0, Imgproc.INTER_AREA);
        byte[] pixels = new byte[CELLS * CELLS * cells.channels()];
        cells.get(0, 0, pixels);
        int step = cells.channels();
        cells.release();
        crop.release();
        double sumR = 0;
        double sumG = 0;
        double sumRR = 0;
        double sumGG = 0;
        int n = 0;
        for (int i = 0; i < CELLS * CELLS; i++) {
            double b = pixels[i * step] & 0xFF;
            double g = pixels[i * step + 1] & 0xFF;
            double r = pixels[i * step + 2] & 0xFF;
            double sum = r + g + b;
            if (sum > MIN_CHANNEL_SUM) {
                double cr = r / sum;
                double cg = g / sum;
                sumR += cr;
                sumG += cg;
                sumRR += cr * cr;
                sumGG += cg * cg;
                n++;
            }
        }
        if (n < CELLS * CELLS / 4) {
            return 0;
        }
        double meanR = sumR / n;
        double meanG = sumG / n;
        return Math.sqrt(Math.max(0, sumRR / n - meanR * meanR + sumGG / n - meanG * meanG));
    }
}
