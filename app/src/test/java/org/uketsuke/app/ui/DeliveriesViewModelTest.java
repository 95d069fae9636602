package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.exchange.FolderProblem;

/** The deliveries tab carries the req/res folders' last problem, in the staff's language, and clears when none. */
class DeliveriesViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theFoldersLastProblemIsShownBesideTheDeliveries() {
        AtomicReference<Optional<FolderProblem>> problem = new AtomicReference<>(Optional.of(new FolderProblem(
                Instant.parse("2026-12-04T01:02:03Z"),
                "YZKsiquc01req_02huge.xml",
                "java.lang.OutOfMemoryError: Java heap space")));
        try (RececonBridge bridge = RececonBridge.open(
                new BridgeConfig(dir.resolve("outbox.db"), null, null, "1311234567", StandardCharsets.UTF_8))) {
            DeliveriesViewModel model = new DeliveriesViewModel(
                    bridge, id -> {}, Runnable::run, Runnable::run, new Messages(Messages.JAPANESE), problem::get);

            model.refresh();
            assertThat(model.folderStatus.get())
                    .startsWith("要求フォルダ")
                    .contains("YZKsiquc01req_02huge.xml", "OutOfMemoryError");

            problem.set(Optional.empty());
            model.refresh();
            assertThat(model.folderStatus.get()).isEmpty();
        }
    }
}
