package org.uketsuke.tools.face;

import java.util.Arrays;

/**
 * Error rates of a verifier from its genuine and impostor score lists (cosine similarity, accept when score ≥
 * threshold): FMR (false match rate: impostors accepted), FNMR (false non-match rate: genuine pairs refused), the
 * equal-error rate, and the threshold that keeps FMR at or under a target.
 */
public record ScoreStatistics(double[] genuine, double[] impostor) {

    public ScoreStatistics {
        genuine = genuine.clone();
        impostor = impostor.clone();
        Arrays.sort(genuine);
        Arrays.sort(impostor);
    }

    /** Share of impostor pairs at or above the threshold. */
    public double fmr(double threshold) {
        return impostor.length == 0 ? 0 : (double) atOrAbove(impostor, threshold) / impostor.length;
    }

    /** Share of genuine pairs below the threshold. */
    public double fnmr(double threshold) {
        return genuine.length == 0 ? 0 : (double) (genuine.length - atOrAbove(genuine, threshold)) / genuine.length;
    }

    /**
     * The equal-error rate, estimated conservatively as the smallest max(FMR, FNMR) over all thresholds (on a stepped
     * empirical ROC the two rates rarely meet exactly), and the threshold where it is reached.
     */
    public double[] equalErrorRate() {
        double eer = 1;
        double at = 0;
        for (double t : candidates()) {
            double worse = Math.max(fmr(t), fnmr(t));
            if (worse < eer) {
                eer = worse;
                at = t;
            }
        }
        return new double[] {eer, at};
    }

    /**
     * The lowest threshold whose FMR is at or under {@code targetFmr} on these impostors — with few pairs that is just
     * above the highest impostor score, and the true FMR can only be bounded (see {@link #fmrUpperBound95}).
     */
    public double thresholdForFmr(double targetFmr) {
        for (double t : candidates()) {
            if (fmr(t) <= targetFmr) {
                return t;
            }
        }
        return 1.0;
    }

    /** 95 % upper bound of the FMR when {@code k} of {@code n} impostor pairs matched (rule of three for k = 0). */
    public static double fmrUpperBound95(int k, int n) {
        if (n == 0) {
            return 1;
        }
        if (k == 0) {
            return Math.min(1, 3.0 / n);
        }
        double p = (double) k / n;
        return Math.min(1, p + 1.96 * Math.sqrt(p * (1 - p) / n) + 0.5 / n);
    }

    /** Every score as a threshold, plus one just above the highest: the ROC's corners. */
    private double[] candidates() {
        double[] all = new double[genuine.length + impostor.length + 1];
        System.arraycopy(genuine, 0, all, 0, genuine.length);
        System.arraycopy(impostor, 0, all, genuine.length, impostor.length);
        all[all.length - 1] = Math.nextUp(Math.max(max(genuine), max(impostor)));
        Arrays.sort(all);
        return all;
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    private static int atOrAbove(double[] sorted, double threshold) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo;
    }
}
