package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.sink.DurableWrites;

/**
 * The synchronous writes a confirmation costs, counted (SQLite's commit hook, the bridge's fsyncs) rather than timed:
 * a change that adds a commit or an fsync to every visit, or one per patient to a 一括照会, fails here. The figures
 * and what each write is for: docs/tuning.md.
 */
class DurableWritesPerVisitTest {

    @TempDir
    Path dir;

    /**
     * A card visit as {@code HandOverStep} hands it over (submit, then drain) into the SQLite store and the face
     * folder: the outbox commit that acknowledges it, the store's transaction, one outbox transaction for both sinks'
     * marks and the entry's state; the face file's fsync and its folder's.
     */
    @Test
    void aVisitCostsThreeCommitsAndTwoFsyncs() {
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                dir.resolve("face"),
                Fixtures.INSTITUTION,
                StandardCharsets.UTF_8))) {
            bridge.submit(Fixtures.confirmation("first", 1));
            bridge.drain();

            DurableWrites.Count before = DurableWrites.onThisThread();
            bridge.submit(Fixtures.confirmation("visit", 2));
            DurableWrites.Count submitted = DurableWrites.onThisThread();
            assertThat(bridge.drain()).isEqualTo(1);
            DurableWrites.Count after = DurableWrites.onThisThread();

            assertThat(submitted.since(before)).as("the submit").isEqualTo(new DurableWrites.Count(1, 0));
            assertThat(after.since(submitted)).as("the delivery").isEqualTo(new DurableWrites.Count(2, 2));
        }
    }

    /**
     * 130 patients of a 一括照会 into SQLite, the face folder and the CSV export: one outbox commit for all of them,
     * then per page of {@link RececonBridge#DRAIN_BATCH} entries one store transaction, one outbox transaction, one
     * folder fsync and one rewrite of the day's CSV (two fsyncs) — the face files' own fsyncs are the only ones per
     * patient, and a page's are forced together: one wait per page, not per patient.
     */
    @Test
    void aBatchCostsOneOutboxCommitAndAFewWritesPerPageNotPerPatient() {
        int patients = 130;
        int pages = (patients + RececonBridge.DRAIN_BATCH - 1) / RececonBridge.DRAIN_BATCH;
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        dir.resolve("face"),
                        Fixtures.INSTITUTION,
                        StandardCharsets.UTF_8)
                .withCsvExport(new CsvExport(dir.resolve("csv"), StandardCharsets.UTF_8)))) {
            List<Confirmation> batch = new ArrayList<>();
            for (int i = 0; i < patients; i++) {
                batch.add(Fixtures.confirmation("batch-" + i, i));
            }

            DurableWrites.Count before = DurableWrites.onThisThread();
            assertThat(bridge.submitAll(batch)).hasSize(patients);
            DurableWrites.Count submitted = DurableWrites.onThisThread();
            assertThat(bridge.drain()).isEqualTo(patients);
            DurableWrites.Count after = DurableWrites.onThisThread();

            assertThat(submitted.since(before)).as("the submit").isEqualTo(new DurableWrites.Count(1, 0));
            assertThat(after.since(submitted))
                    .as("the delivery")
                    .isEqualTo(new DurableWrites.Count(2L * pages, patients + pages + 2L * pages, 4L * pages));
            assertThat(bridge.statuses()).hasSize(patients).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
        }
    }
}
