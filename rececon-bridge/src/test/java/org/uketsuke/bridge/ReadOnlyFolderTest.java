package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.csv.CsvExport;

/**
 * The レセコン's share turns read-only (a real tmpfs remounted {@code ro}: root ignores file modes, a read-only mount
 * it cannot): the face-folder and CSV deliveries stay pending with the reason while the database sink still
 * delivers, and once the share is writable again each arrives exactly once. Needs root to mount.
 */
class ReadOnlyFolderTest {

    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    @Test
    void aReadOnlyShareLosesNothingAndDoublesNothing() throws Exception {
        Path share = dir.resolve("share");
        Files.createDirectories(share);
        if (run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", share.toString()) != 0) {
            fail("the read-only test mounts a tmpfs and needs root (run ./uketsuke test as root)");
        }
        mounted = share;
        BridgeConfig config = new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        share.resolve("face"),
                        Fixtures.INSTITUTION,
                        StandardCharsets.UTF_8)
                .withCsvExport(new CsvExport(share.resolve("csv"), StandardCharsets.UTF_8));
        try (RececonBridge bridge = RececonBridge.open(config)) {
            bridge.submit(Fixtures.confirmation("before", 1));
            assertThat(bridge.drain()).isEqualTo(1);

            assertThat(run("mount", "-o", "remount,ro", share.toString())).isZero();
            bridge.submit(Fixtures.confirmation("during", 2));
            assertThat(bridge.drain()).isZero();
            DeliveryStatus waiting = bridge.statuses().getLast();
            assertThat(waiting.state()).isEqualTo(DeliveryStatus.State.PENDING);
            assertThat(waiting.sinks())
                    .containsEntry("sqlite", true)
                    .containsEntry("face-folder", false)
                    .containsEntry("csv", false);
            assertThat(waiting.lastError()).contains("Read-only file system");

            assertThat(run("mount", "-o", "remount,rw", share.toString())).isZero();
            assertThat(bridge.drain()).isEqualTo(1);
            assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
        }
        try (Stream<Path> face = Files.list(share.resolve("face"));
                Stream<Path> csv = Files.list(share.resolve("csv"))) {
            assertThat(face.filter(p -> !p.getFileName().toString().startsWith("."))
                            .count())
                    .isEqualTo(2);
            assertThat(csv.toList())
                    .singleElement()
                    .satisfies(file -> assertThat(Files.readAllLines(file)).hasSize(3)); // header + two rows
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    }
}
