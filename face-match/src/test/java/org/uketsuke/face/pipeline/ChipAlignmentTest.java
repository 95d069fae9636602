package org.uketsuke.face.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.uketsuke.face.OpenCv;

/** The similarity fit and the dlib chip's positions of BlazeFace's keypoints. */
class ChipAlignmentTest {

    @Test
    void theFitRecoversAKnownScaleRotationAndShift() {
        double scale = 0.37;
        double angle = Math.toRadians(-17);
        double a = scale * Math.cos(angle);
        double b = scale * Math.sin(angle);
        double[] from = {120, 80, 180, 85, 150, 130, 152, 160, 90, 200};
        double[] to = new double[from.length];
        for (int i = 0; i < from.length; i += 2) {
            to[i] = a * from[i] - b * from[i + 1] + 12;
            to[i + 1] = b * from[i] + a * from[i + 1] - 7;
        }
        assertThat(ChipAlignment.similarity(from, to))
                .containsExactly(new double[] {a, -b, 12, b, a, -7}, within(1e-9));
    }

    @Test
    void blazeFacesKeypointsSitOnTheChipWhereDlibsMeanFaceHasThem() {
        double[] k = ChipAlignment.KEYPOINTS_ON_CHIP;
        // The person's right eye on the left of the chip, the eyes level, nose and mouth below their midpoint.
        assertThat(k[0]).isLessThan(k[2]);
        assertThat(k[1]).isCloseTo(k[3], within(0.01));
        assertThat(k[2] - k[0]).as("eye distance on a 150 chip").isBetween(45.0, 55.0);
        assertThat(k[5]).isGreaterThan(k[1] + 20);
        assertThat(k[7]).isGreaterThan(k[5] + 20).isLessThan(ChipAlignment.CHIP_SIZE);
        assertThat(k[4]).isCloseTo((k[0] + k[2]) / 2, within(2.0));
    }

    @Test
    void keypointsAlreadyOnTheChipNeedNoTransform() {
        OpenCv.load();
        float[] xy = new float[12];
        for (int i = 0; i < 8; i++) {
            xy[i] = (float) ChipAlignment.KEYPOINTS_ON_CHIP[i];
        }
        xy[8] = 10; // the ears do not count
        xy[11] = 140;
        Mat m = ChipAlignment.toChip(new FacePoints.Keypoints6(xy));
        double[] values = new double[6];
        m.get(0, 0, values);
        assertThat(values).containsExactly(new double[] {1, 0, 0, 0, 1, 0}, within(1e-4));
    }
}
