package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.wire.QualificationXml;

/**
 * A full disk under the face folder (a real 64 KiB tmpfs): deliveries that do not fit stay pending with the reason,
 * no half-written file ever looks like a result, and once there is room again everything is delivered exactly once.
 * Needs root to mount; fails with that reason otherwise.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFullFolderLosesNothingAndWritesNoHalfFile() throws Exception {
        Path face = dir.resolve("face");
        Files.createDirectories(face);
        if (run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", face.toString()) != 0) {
            fail("the disk-full test mounts a small tmpfs and needs root (run ./uketsuke test as root)");
        }
        mounted = face;
        int entries = 80; // about 1.5 KB each: more than 64 KiB
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                face,
                Fixtures.INSTITUTION,
                StandardCharsets.UTF_8))) {
            for (int i = 0; i < entries; i++) {
                bridge.submit(Fixtures.confirmation("full-" + i, i % 60));
            }
            bridge.drain();
            List<DeliveryStatus> pending = bridge.statuses().stream()
                    .filter(s -> s.state() != DeliveryStatus.State.DELIVERED)
                    .toList();
            assertThat(pending).as("the folder filled up").isNotEmpty();
            assertThat(pending).allSatisfy(s -> {
                assertThat(s.sinks()).containsEntry("sqlite", true).containsEntry("face-folder", false);
                assertThat(s.lastError()).contains("face-folder");
            });
            everyResultFileIsWhole(face);

            assertThat(run("mount", "-o", "remount,size=1m", face.toString())).isZero();
            bridge.drain();
            assertThat(bridge.statuses()).hasSize(entries).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
        }
        assertThat(everyResultFileIsWhole(face)).isEqualTo(entries);
    }

    private static long everyResultFileIsWhole(Path face) throws Exception {
        try (Stream<Path> files = Files.list(face)) {
            List<Path> all = files.toList();
            assertThat(all)
                    .as("no temporary file is left")
                    .noneMatch(p -> p.getFileName().toString().startsWith("."));
            for (Path file : all) {
                QualificationXml.parseResult(Files.readAllBytes(file)); // throws on a partial file
            }
            return all.size();
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    }
}
