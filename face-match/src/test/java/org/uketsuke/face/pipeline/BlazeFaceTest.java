package org.uketsuke.face.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MediaPipe's decoding of BlazeFace's outputs, on made-up outputs whose right answer is worked out by hand. The decoding
 * of the real network's outputs is compared with Google's own port of MediaPipe's calculators in
 * {@code tools}' BlazeFaceDetectionTest.
 */
class BlazeFaceTest {

    private final float[] logits = new float[BlazeFace.ANCHORS];
    private final float[] regressors = new float[BlazeFace.ANCHORS * BlazeFace.VALUES_PER_ANCHOR];

    BlazeFaceTest() {
        Arrays.fill(logits, -10);
    }

    @Test
    void theAnchorsAreMediaPipesSixteenBySixteenTimesTwoThenEightByEightTimesSix() {
        double[] c = BlazeFace.anchorCentres();
        assertThat(c).hasSize(2 * 896);
        // Two anchors per cell of the stride-16 grid, row by row: (0.5/16, 0.5/16) twice, then (1.5/16, 0.5/16).
        assertThat(new double[] {c[0], c[1], c[2], c[3], c[4], c[5]})
                .containsExactly(1 / 32.0, 1 / 32.0, 1 / 32.0, 1 / 32.0, 3 / 32.0, 1 / 32.0);
        assertThat(new double[] {c[2 * 511], c[2 * 511 + 1]}).containsExactly(31 / 32.0, 31 / 32.0);
        // Six per cell of the stride-32 grid from anchor 512 on.
        assertThat(new double[] {c[2 * 512], c[2 * 512 + 1], c[2 * 517], c[2 * 518]})
                .containsExactly(1 / 16.0, 1 / 16.0, 1 / 16.0, 3 / 16.0);
        assertThat(new double[] {c[2 * 895], c[2 * 895 + 1]}).containsExactly(15 / 16.0, 15 / 16.0);
    }

    @Test
    void aBoxAndItsKeypointsAreOffsetsInInputPixelsFromTheAnchorCentre() {
        int anchor = 600; // stride 32: cell (88 / 6) = 14 → x 6, y 1: centre (6.5 / 8, 1.5 / 8)
        put(anchor, 2.0f, 12.8f, -25.6f, 64, 128, 0, 0, 25.6f, 25.6f);
        List<BlazeFace.Detection> faces = BlazeFace.decode(logits, regressors, BlazeFace.MIN_SCORE);
        assertThat(faces).hasSize(1);
        BlazeFace.Detection face = faces.getFirst();
        double cx = 6.5 / 8 + 12.8 / 256;
        double cy = 1.5 / 8 - 25.6 / 256;
        assertThat(face.score()).isCloseTo((float) (1 / (1 + Math.exp(-2))), within(1e-6f));
        assertThat(face.x1()).isCloseTo(cx - 0.125, within(1e-6));
        assertThat(face.x2()).isCloseTo(cx + 0.125, within(1e-6));
        assertThat(face.y1()).isCloseTo(cy - 0.25, within(1e-6));
        assertThat(face.y2()).isCloseTo(cy + 0.25, within(1e-6));
        assertThat(face.keypoint(BlazeFace.Keypoint.RIGHT_EYE).x()).isCloseTo(6.5 / 8, within(1e-6));
        assertThat(face.keypoint(BlazeFace.Keypoint.LEFT_EYE).x()).isCloseTo(6.5 / 8 + 0.1, within(1e-6));
        assertThat(face.keypoint(BlazeFace.Keypoint.LEFT_EYE).y()).isCloseTo(1.5 / 8 + 0.1, within(1e-6));
    }

    @Test
    void scoresUnderTheThresholdAndBoxesOfNegativeSizeAreNoFaces() {
        put(10, -0.1f, 0, 0, 40, 40); // sigmoid 0.475 < 0.5
        put(20, 3, 0, 0, -40, 40);
        put(30, 1000, 0, 0, 40, 40); // clipped at 100: score 1
        List<BlazeFace.Detection> faces = BlazeFace.candidates(logits, regressors, BlazeFace.MIN_SCORE);
        assertThat(faces).singleElement().satisfies(f -> assertThat(f.score()).isEqualTo(1f));
        assertThatThrownBy(() -> BlazeFace.decode(new float[895], regressors, 0.5f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("896");
    }

    @Test
    void overlappingBoxesBecomeTheirScoreWeightedMeanWithTheBestScoreAndADistantFaceStays() {
        put(100, logit(0.9), 0, 0, 64, 64, 10, 0);
        put(101, logit(0.6), 6.4f, 0, 64, 64, 20, 0); // same cell, shifted by 0.025: IoU 0.82
        put(400, logit(0.7), 0, 0, 32, 32); // far away
        List<BlazeFace.Detection> faces = BlazeFace.decode(logits, regressors, BlazeFace.MIN_SCORE);
        assertThat(faces).hasSize(2);
        BlazeFace.Detection merged = faces.getFirst();
        assertThat(merged.score()).isCloseTo(0.9f, within(1e-6f));
        double shift = 0.6 * 0.025 / 1.5;
        double centre = 1 / 32.0 + 2 * 2 / 32.0 + shift; // anchor 100: cell 50 → x 2, y 3
        assertThat((merged.x1() + merged.x2()) / 2).isCloseTo(centre, within(1e-6));
        double eyeShift = (0.9 * 10 + 0.6 * 20) / 1.5 / 256;
        assertThat(merged.keypoint(BlazeFace.Keypoint.RIGHT_EYE).x())
                .isCloseTo(1 / 32.0 + 2 * 2 / 32.0 + eyeShift, within(1e-6));
        assertThat(faces.get(1).score()).isCloseTo(0.7f, within(1e-6f));
    }

    @Test
    void aHalfFaceInsideABetterFaceIsDroppedButASecondFaceBesideItIsKept() {
        put(300, logit(0.95), 0, 0, 100, 100);
        put(302, logit(0.6), -20, 10, 40, 50); // mostly inside the first, IoU under 0.3
        put(310, logit(0.8), 0, 0, 100, 100); // five cells to the right: beside, not inside
        List<BlazeFace.Detection> merged = BlazeFace.decode(logits, regressors, BlazeFace.MIN_SCORE);
        assertThat(merged).hasSize(3);
        assertThat(BlazeFace.withoutContained(merged))
                .extracting(BlazeFace.Detection::score)
                .containsExactly(0.95f, 0.8f);
    }

    private void put(int anchor, float logit, float... values) {
        logits[anchor] = logit;
        System.arraycopy(values, 0, regressors, anchor * BlazeFace.VALUES_PER_ANCHOR, values.length);
    }

    private static float logit(double p) {
        return (float) Math.log(p / (1 - p));
    }
}
