package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryWorkerTest {

    @TempDir
    Path dir;

    @Test
    void aFolderThatComesBackIsDeliveredToWithoutAnyoneAsking() throws Exception {
        Path face = dir.resolve("face");
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        face,
                        Fixtures.INSTITUTION,
                        StandardCharsets.UTF_8));
                DeliveryWorker worker =
                        new DeliveryWorker(bridge, Duration.ofMillis(20), Duration.ofMillis(200)).start()) {
            Files.delete(face);
            Files.writeString(face, "the share is gone");
            bridge.submit(Fixtures.confirmation("later", 1));
            worker.wake();
            waitFor(() -> bridge.statuses().getFirst().attempts() >= 2, "retried with backoff");
            assertThat(bridge.statuses().getFirst().state()).isEqualTo(DeliveryStatus.State.PENDING);

            Files.delete(face);
            Files.createDirectory(face);
            waitFor(
                    () -> bridge.statuses().getFirst().state() == DeliveryStatus.State.DELIVERED,
                    "delivered once back");
        }
        try (var files = Files.list(face)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
