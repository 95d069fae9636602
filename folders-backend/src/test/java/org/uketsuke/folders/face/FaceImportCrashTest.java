package org.uketsuke.folders.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.store.LocalPostgresCluster;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.folders.LinkAppFixture;

/**
 * Face files keep arriving while the importing process is killed with kill -9 at random moments; after one clean run
 * every result is in the SQLite store and in a shared PostgreSQL store (a throwaway cluster, TLS verify-full) exactly
 * once — every fourth file lists two people, each its own confirmation. Files {@code -Duketsuke.faceCrashFiles=N} (default 20), kills {@code -Duketsuke.faceCrashKills=K} (default 3);
 * the 1,000-file figures are in docs/reliability.md.
 */
class FaceImportCrashTest {

    /** A file is read once unchanged this long: a writer pausing mid-file for a few ms is not taken as done. */
    static final Duration SETTLE = Duration.ofMillis(100);

    @TempDir
    Path dir;

    static FaceFolderImporter importer(Path face, Path data, RececonBridge bridge, Clock clock) {
        return new FaceFolderImporter(
                new FaceFolderImporter.Settings(
                        face, data.resolve("face-import.db"), data.resolve("set-aside"), null, SETTLE),
                bridge,
                PatientDirectory.of(bridge),
                clock);
    }

    /** The outbox and SQLite store in {@code data}, and the shared PostgreSQL store when there is one. */
    static BridgeConfig bridgeConfig(Path data, PostgresTarget postgres) {
        BridgeConfig local = new BridgeConfig(
                data.resolve("outbox.db"),
                data.resolve("rececon.db"),
                null,
                LinkAppFixture.INSTITUTION,
                StandardCharsets.UTF_8);
        return postgres == null ? local : local.withPostgres(postgres);
    }

    @Test
    void killNineWhileFilesArriveImportsEveryFileExactlyOnce() throws Exception {
        int files = Integer.getInteger("uketsuke.faceCrashFiles", 20);
        int kills = Integer.getInteger("uketsuke.faceCrashKills", 3);
        try (LocalPostgresCluster cluster = LocalPostgresCluster.start()) {
            PostgresTarget postgres = cluster.newDatabase("face_imports");
            killAndImport(files, kills, postgres, cluster.serverCaFile());
            assertExactlyOnce(
                    confirmations(files),
                    () -> DriverManager.getConnection(postgres.jdbcUrl(), postgres.connectionProperties()));
        }
        Path data = dir.resolve("data");
        assertExactlyOnce(
                confirmations(files), () -> DriverManager.getConnection("jdbc:sqlite:" + data.resolve("rececon.db")));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("face-import.db"));
                ResultSet rs =
                        db.createStatement().executeQuery("select count(*) from face_file where state = 'IMPORTED'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(files);
        }
    }

    /** Every fourth file holds two results. */
    private static boolean twoResults(int n) {
        return n % 4 == 3;
    }

    private static int confirmations(int files) {
        return files
                + (int) IntStream.range(0, files)
                        .filter(FaceImportCrashTest::twoResults)
                        .count();
    }

    private interface Store {
        Connection open() throws SQLException;
    }

    private static void assertExactlyOnce(int confirmations, Store store) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection db = store.open();
                ResultSet rs = db.createStatement().executeQuery("select idempotency_key from qualification")) {
            int rows = 0;
            while (rs.next()) {
                keys.add(rs.getString(1));
                rows++;
            }
            assertThat(rows).as("rows in the store").isEqualTo(confirmations);
        }
        assertThat(keys).hasSize(confirmations);
    }

    private void killAndImport(int files, int kills, PostgresTarget postgres, Path serverCa) throws Exception {
        Path face = Files.createDirectories(dir.resolve("face"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Random random = new Random(20261204L);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int written = 0;
        for (int kill = 0; kill < kills; kill++) {
            Process child = new ProcessBuilder(
                            java,
                            "--enable-native-access=ALL-UNNAMED",
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-Dorg.sqlite.tmpdir=" + data,
                            "-cp",
                            System.getProperty("java.class.path"),
                            FaceImportChild.class.getName(),
                            face.toString(),
                            data.toString(),
                            postgres.jdbcUrl(),
                            postgres.user(),
                            postgres.password(),
                            serverCa.toString())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.equals("ready")) {
                line = out.readLine(); // the store's migration log
            }
            assertThat(line).as("the child started").isEqualTo("ready");
            Thread.ofPlatform().daemon().start(() -> out.lines().forEach(ignored -> {}));
            // This kill's share of the files arrives while the child imports; the kill comes at a random moment.
            int until = kill == kills - 1 ? files : (kill + 1) * files / kills;
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50 + random.nextInt(400));
            while (written < until) {
                arrive(face, written++, random);
                Thread.sleep(random.nextInt(20));
            }
            while (System.nanoTime() < killAt) {
                Thread.sleep(5);
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        // One clean run over what the killed children left.
        try (RececonBridge bridge = RececonBridge.open(bridgeConfig(data, postgres));
                FaceFolderImporter importer = importer(face, data, bridge, Clock.systemUTC())) {
            Thread.sleep(SETTLE.multipliedBy(2));
            for (int i = 0; i < 3; i++) {
                importer.pass();
            }
            bridge.drain();
            assertThat(importer.alerts()).isEmpty();
        }
    }

    /** One result file: mostly written whole and renamed in, sometimes written in two pieces in place. */
    private static void arrive(Path face, int n, Random random) throws Exception {
        int people = FaceFiles.PEOPLE.size();
        byte[] bytes = twoResults(n)
                ? FaceFiles.several("crash-" + n, n % people, (n + 1) % people)
                : FaceFiles.result(n % people, "crash-" + n);
        Path target = face.resolve(FaceFiles.name(n));
        if (random.nextBoolean()) {
            Path temp = face.resolve(".writing-" + n);
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.write(target, Arrays.copyOf(bytes, bytes.length / 2));
            Thread.sleep(3);
            Files.write(target, Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length), StandardOpenOption.APPEND);
        }
    }
}
