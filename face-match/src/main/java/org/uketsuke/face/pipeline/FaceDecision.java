package org.uketsuke.face.pipeline;

/**
 * The outcome of matching live frames against the chip photo — never a bare boolean.
 *
 * @param bestScore best cosine similarity seen (−1 when no frame could be matched)
 * @param framesUsed frames that passed the quality gates and were scored
 * @param reason the quality issue that kept frames out, when the decision is inconclusive
 */
public record FaceDecision(Decision decision, double bestScore, double threshold, int framesUsed, int framesSeen,
        QualityIssue reason) {

    public enum Decision {
        MATCH,
        NO_MATCH,
        INCONCLUSIVE
    }
}
