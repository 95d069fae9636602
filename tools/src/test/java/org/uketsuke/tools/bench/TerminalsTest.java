package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.store.LocalPostgresCluster;

/**
 * Three terminals as three JVMs, each with its own card and outbox, against one shared mock backend JVM, confirming at
 * once (paced, then back to back) into one real PostgreSQL server: the store ends with every confirmed key exactly once
 * (compared key by key, not by count).
 */
class TerminalsTest {

    @TempDir
    Path work;

    @Test
    void threeTerminalProcessesDeliverEveryConfirmationExactlyOnce() throws Exception {
        try (LocalPostgresCluster cluster = LocalPostgresCluster.start()) {
            Terminals.PacedReport report =
                    Terminals.paced(work, cluster.newDatabase("terminals"), 3, 20, 10.0, 5, TerminalProcess.WARM_UP);

            assertThat(report.perVisit().runs()).isEqualTo(60);
            assertThat(report.burstVisits()).isEqualTo(15);
            assertThat(report.confirmed()).isEqualTo(3 * (TerminalProcess.WARM_UP + 20 + 5));
            assertThat(report.lost()).isZero();
            assertThat(report.doubled()).isZero();
            assertThat(report.terminalCpuMsPerVisit()).isPositive();
            assertThat(report.backendCpuMsPerVisit()).isPositive();
        }
    }
}
