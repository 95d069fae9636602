package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.csv.Csv;
import org.uketsuke.bridge.store.LocalPostgresCluster;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.bridge.store.PostgresTls;

/**
 * kill -9 at random points of submit/drain, again and again, then one clean drain: every key the child saw committed
 * is exactly once in every sink — the SQLite store, a real PostgreSQL server, the face folder and the CSV export — and
 * no temporary file looks like a result. Cycles: {@code -Duketsuke.crashCycles=N} (default 12; {@code ./uketsuke test}
 * runs 1,000). Each child is killed 0–300 ms after it said "ready": mostly inside its submit/drain loop, sometimes before its first commit.
 */
class CrashTest {

    @TempDir
    Path dir;

    @Test
    void killNineAnywhereLosesNothingAndDoublesNothing() throws Exception {
        int cycles = Integer.getInteger("uketsuke.crashCycles", 12);
        Random random = new Random(20261124L);
        Set<String> committed = new HashSet<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // sqlite's native library is unpacked here, not in /tmp: whatever a killed child leaves stays in the test
        // folder.
        Path natives = Files.createDirectories(dir.resolve("natives"));
        try (LocalPostgresCluster postgres = LocalPostgresCluster.start()) {
            PostgresTarget target = postgres.target();
            // A thousand JVM starts dominate the run: the child's classes go into one jar and a class-data archive
            // made by a warm-up child that exits normally (AppCDS accepts jars only), so each start loads less.
            String classPath = jarredClassPath();
            Path archive = dir.resolve("child.jsa");
            Path warmup = Files.createDirectories(dir.resolve("warmup"));
            Process first = new ProcessBuilder(childCommand(
                            java,
                            natives,
                            classPath,
                            List.of("-XX:ArchiveClassesAtExit=" + archive),
                            warmup,
                            "warmup",
                            postgres.newDatabase("warmup")))
                    .redirectErrorStream(true)
                    .start();
            String firstOutput = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(first.waitFor())
                    .as("the warm-up child said %s", firstOutput)
                    .isZero();
            List<String> shared =
                    Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto") : List.of();
            long startupNanos = 0;
            for (int cycle = 0; cycle < cycles; cycle++) {
                long spawned = System.nanoTime();
                Process child = new ProcessBuilder(
                                childCommand(java, natives, classPath, shared, dir, "c" + cycle, target))
                        .redirectErrorStream(true)
                        .start();
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                CountDownLatch ready = new CountDownLatch(1);
                List<String> otherOutput = new ArrayList<>();
                Thread reader = Thread.ofPlatform().start(() -> {
                    try {
                        out.lines().forEach(line -> {
                            if (line.equals("ready")) {
                                ready.countDown();
                            } else if (line.startsWith("submitted ")) {
                                synchronized (committed) {
                                    committed.add(line.substring("submitted ".length()));
                                }
                            } else if (otherOutput.size() < 20) {
                                otherOutput.add(line);
                            }
                        });
                    } catch (UncheckedIOException killed) {
                        // the pipe closes when the child is killed mid-line: expected
                    }
                });
                boolean started = ready.await(30, TimeUnit.SECONDS);
                assertThat(started)
                        .as("the child started; it said %s", otherOutput)
                        .isTrue();
                startupNanos += System.nanoTime() - spawned;
                Thread.sleep(random.nextInt(301));
                child.destroyForcibly();
                child.waitFor();
                reader.join();
                assertThat(otherOutput)
                        .as("the child printed no error before it was killed")
                        .noneMatch(line -> line.contains("Exception"));
            }
            try (RececonBridge bridge = RececonBridge.open(CrashChild.config(dir, target))) {
                bridge.drain();
                assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
            }
            List<String> outboxRows = keys(sqlite(dir.resolve("outbox.db")), "select idempotency_key from entry");
            Set<String> outbox = new HashSet<>(outboxRows);
            assertThat(outboxRows).as("the outbox holds each key once").hasSameSizeAs(outbox);
            assertThat(committed).as("the children committed work").hasSizeGreaterThan(cycles / 4);
            assertThat(outbox).containsAll(committed);
            // Keys, not counts: a lost entry and a doubled one would cancel out in a count.
            assertThat(keys(sqlite(dir.resolve("rececon.db")), "select idempotency_key from qualification"))
                    .as("the SQLite store: every key exactly once")
                    .containsExactlyInAnyOrderElementsOf(outbox);
            assertThat(keys(postgres(target), "select idempotency_key from qualification"))
                    .as("PostgreSQL: every key exactly once")
                    .containsExactlyInAnyOrderElementsOf(outbox);
            List<String> faceKeys = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir.resolve("face"))) {
                files.map(p -> p.getFileName().toString())
                        .filter(name -> name.endsWith(".xml"))
                        .forEach(name -> faceKeys.add(FaceFolderSink.keyDigestOf(name)));
            }
            assertThat(faceKeys)
                    .as("the face folder: one file per key")
                    .containsExactlyInAnyOrderElementsOf(
                            outbox.stream().map(FaceFolderSink::keyDigest).toList());
            List<String> csvKeys = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir.resolve("csv"))) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                        .toList()) {
                    Csv.parse(Files.readString(file)).stream()
                            .skip(1)
                            .forEach(r -> csvKeys.add(r.fields().getFirst()));
                }
            }
            assertThat(csvKeys).as("every key once in the CSV export").containsExactlyInAnyOrderElementsOf(outbox);
            System.out.printf(
                    "crash test: %d kill -9 cycles, %d confirmations committed, 0 lost, 0 doubled in 4 sinks;"
                            + " child start to ready %.0f ms on average%n",
                    cycles, outbox.size(), startupNanos / 1e6 / cycles);
        }
    }

    /** C1 only and the serial collector: the child starts faster, so a thousand kills fit in the full run. */
    private static List<String> childCommand(
            String java,
            Path natives,
            String classPath,
            List<String> cds,
            Path folder,
            String prefix,
            PostgresTarget postgres) {
        List<String> command = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-Dorg.sqlite.tmpdir=" + natives));
        command.addAll(cds);
        String caFile = ((PostgresTls.VerifyFull) postgres.tls()).serverCaFile().toString();
        command.addAll(List.of(
                "-cp", classPath, CrashChild.class.getName(), folder.toString(), prefix, postgres.jdbcUrl(), caFile));
        return command;
    }

    /** The test class path with its class folders packed into one jar in the test folder. */
    private String jarredClassPath() throws Exception {
        List<String> entries = new ArrayList<>();
        Path jar = dir.resolve("classes.jar");
        Set<String> seen = new HashSet<>();
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (!Files.isDirectory(path)) {
                    entries.add(entry);
                    continue;
                }
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String name = path.relativize(file).toString().replace(File.separatorChar, '/');
                        if (seen.add(name)) {
                            out.putNextEntry(new JarEntry(name));
                            Files.copy(file, out);
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        entries.addFirst(jar.toString());
        return String.join(File.pathSeparator, entries);
    }

    /** Every row's key, duplicates kept. */
    private static List<String> keys(Connection connection, String sql) throws Exception {
        List<String> keys = new ArrayList<>();
        try (connection;
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static Connection sqlite(Path file) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static Connection postgres(PostgresTarget target) throws Exception {
        return DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
    }
}
