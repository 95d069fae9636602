package org.uketsuke.tools.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreStatisticsTest {

    private final ScoreStatistics stats = new ScoreStatistics(
            new double[] {0.9, 0.8, 0.7, 0.6, 0.35},
            new double[] {0.1, 0.0, -0.1, 0.2, 0.45, 0.3, 0.05, -0.2, 0.15, 0.25});

    @Test
    void ratesCountAcceptanceAtOrAboveTheThreshold() {
        assertThat(stats.fmr(0.40)).isEqualTo(0.1); // 0.45 of 10 impostors
        assertThat(stats.fnmr(0.40)).isEqualTo(0.2); // 0.35 of 5 genuine
        assertThat(stats.fmr(0.45)).isEqualTo(0.1); // at the threshold is accepted
        assertThat(stats.fmr(0.46)).isZero();
        assertThat(stats.fnmr(-1)).isZero();
        assertThat(stats.fmr(2)).isZero();
    }

    @Test
    void theCalibratedThresholdIsJustAboveTheHighestImpostorForAZeroTarget() {
        assertThat(stats.thresholdForFmr(0.0)).isGreaterThan(0.45).isLessThanOrEqualTo(0.6);
        assertThat(stats.fmr(stats.thresholdForFmr(0.0))).isZero();
        assertThat(stats.thresholdForFmr(0.1)).isEqualTo(0.35);
    }

    @Test
    void theEqualErrorRateIsWhereTheRatesCross() {
        double[] eer = stats.equalErrorRate();
        assertThat(eer[0]).isCloseTo(0.1, within(1e-9)); // FMR 1/10 with FNMR 0 at 0.35; FNMR 1/5 above it
        assertThat(eer[1]).isEqualTo(0.35);
    }

    @Test
    void zeroFalseMatchesStillHaveAnUpperBound() {
        assertThat(ScoreStatistics.fmrUpperBound95(0, 3000)).isEqualTo(0.001);
        assertThat(ScoreStatistics.fmrUpperBound95(5, 100)).isGreaterThan(0.05);
    }
}
