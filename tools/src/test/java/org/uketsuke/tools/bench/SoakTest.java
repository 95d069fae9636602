package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short soak with faults in every other visit: every fault kind occurs, nothing is lost or doubled. */
class SoakTest {

    @TempDir
    Path work;

    @Test
    void aFaultySoakLosesNothingAndDoublesNothing() throws Exception {
        Soak.Report report = Soak.run(work, 80, 0.5, 7L);
        report.lines().forEach(System.out::println);
        assertThat(report.faults().keySet()).containsAll(EnumSet.allOf(Soak.FaultKind.class));
        assertThat(report.confirmed())
                .as("every patient gets through on the second try at the latest")
                .isEqualTo(80);
        assertThat(report.failedTyped()).isPositive();
        assertThat(report.visits()).isEqualTo(report.confirmed() + report.failedTyped());
        assertThat(report.lost()).isZero();
        assertThat(report.duplicated()).isZero();
    }
}
