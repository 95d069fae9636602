package org.uketsuke.folders.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.sink.AtomicFiles;

/**
 * The share really unmounted and mounted again while the 連携アプリ goes on writing results: the 資格確認端末's disk is a
 * tmpfs, the share a bind mount of it. While it is away the importer raises one alert; once it is back it says so,
 * with how many files arrived meanwhile, and every result written meanwhile is imported, each once. Needs root (mount); skipped elsewhere.
 */
class FaceShareRemountTest {

    @TempDir
    Path dir;

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    @Test
    void resultsWrittenWhileTheShareIsUnmountedAreImportedOnceItIsBack() throws Exception {
        Path terminal = Files.createDirectories(dir.resolve("terminal"));
        Path share = Files.createDirectories(dir.resolve("share"));
        Assumptions.assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=4m", "uketsuke-test", terminal.toString()),
                "mounting needs root");
        try {
            Files.createDirectories(terminal.resolve("face"));
            assertThat(run("mount", "--bind", terminal.toString(), share.toString()))
                    .isTrue();
            try (RececonBridge bridge = RececonBridge.open(FaceImportCrashTest.bridgeConfig(dir, null));
                    FaceFolderImporter importer = new FaceFolderImporter(
                            new FaceFolderImporter.Settings(
                                    share.resolve("face"),
                                    dir.resolve("face-import.db"),
                                    dir.resolve("set-aside"),
                                    null,
                                    Duration.ZERO),
                            bridge,
                            PatientDirectory.of(bridge),
                            Clock.systemUTC())) {
                List<FaceFolderImporter.Imported> imported = new ArrayList<>();
                importer.onImported(imported::add);
                int written = 0;
                for (; written < 3; written++) {
                    arrive(terminal, written);
                }
                importer.pass();
                importer.pass();

                assertThat(run("umount", share.toString())).as("unmounted").isTrue();
                for (; written < 8; written++) {
                    arrive(terminal, written); // the 連携アプリ goes on writing on its own disk
                    importer.pass();
                }
                assertThat(run("mount", "--bind", terminal.toString(), share.toString()))
                        .isTrue();
                for (; written < 10; written++) {
                    arrive(terminal, written);
                }
                importer.pass();
                importer.pass();
                bridge.drain();

                assertThat(imported).hasSize(10);
                // One alert while it is away, one when it is back naming the 7 files that arrived meanwhile.
                assertThat(importer.alerts())
                        .extracting(FaceFolderImporter.Alert::kind, FaceFolderImporter.Alert::detail)
                        .last()
                        .isEqualTo(tuple(FaceFolderImporter.Alert.Kind.FOLDER_BACK, "7"));
                assertThat(importer.alerts())
                        .extracting(FaceFolderImporter.Alert::kind)
                        .containsExactly(
                                FaceFolderImporter.Alert.Kind.FOLDER_UNREACHABLE,
                                FaceFolderImporter.Alert.Kind.FOLDER_BACK);
                try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                        ResultSet rs = db.createStatement()
                                .executeQuery("select count(*), count(distinct idempotency_key) from qualification")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(10);
                    assertThat(rs.getInt(2)).isEqualTo(10);
                }
            } finally {
                run("umount", share.toString());
            }
        } finally {
            run("umount", terminal.toString());
        }
    }

    private static void arrive(Path terminal, int n) throws IOException {
        AtomicFiles.write(
                terminal.resolve("face").resolve(FaceFiles.name(200 + n)), FaceFiles.result(n, "remount-" + n));
    }
}
