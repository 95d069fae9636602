package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.store.LocalPostgresCluster;

/**
 * Three terminals as three JVMs, each with its own card, backend and outbox, confirming at once into one real
 * PostgreSQL server: the store ends with every confirmed key exactly once (compared key by key, not by count).
 */
class TerminalsTest {

    @TempDir
    Path work;

    @Test
    void threeTerminalProcessesDeliverEveryConfirmationExactlyOnce() throws Exception {
        try (LocalPostgresCluster cluster = LocalPostgresCluster.start()) {
            Terminals.Report report = Terminals.run(work, cluster.newDatabase("terminals"), 3, 20);

            assertThat(report.visits()).as("timed visits").isEqualTo(60);
            assertThat(report.confirmed())
                    .as("every visit's confirmation, the untimed warm-up ones too")
                    .isEqualTo(60 + 3 * TerminalProcess.WARM_UP);
            assertThat(report.lost()).isZero();
            assertThat(report.doubled()).isZero();
        }
    }
}
