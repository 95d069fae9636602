package org.uketsuke.face.pipeline;

/**
 * The outcome of matching live frames against the chip photo — never a bare boolean.
 *
 * @param bestScore best cosine similarity seen (−1 when no frame could be matched)
 * @param framesUsed frames that passed the quality gates and were scored
 * @param reason the quality issue that kept frames out, when the decision is inconclusive; for a NO_MATCH
 *     {@link QualityIssue#CHIP_PHOTO_REPLAY} when a presentation attack was detected, else null
 */
public record FaceDecision(
        Decision decision, double bestScore, double threshold, int framesUsed, int framesSeen, QualityIssue reason) {

    /** True when the frames were refused as a presentation attack (a replay of the chip photo). */
    public boolean presentationAttack() {
        return decision == Decision.NO_MATCH && reason == QualityIssue.CHIP_PHOTO_REPLAY;
    }

    public enum Decision {
        MATCH,
        NO_MATCH,
        INCONCLUSIVE
    }
}
