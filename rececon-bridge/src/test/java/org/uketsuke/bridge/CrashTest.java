package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.csv.Csv;
import org.uketsuke.bridge.store.LocalPostgresCluster;
import org.uketsuke.bridge.store.PostgresTarget;

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
        // sqlite's native library is unpacked here, not in /tmp: whatever a killed child leaves stays in the test folder.
        Path natives = Files.createDirectories(dir.resolve("natives"));
        try (LocalPostgresCluster postgres = LocalPostgresCluster.start()) {
            PostgresTarget target = postgres.target();
            for (int cycle = 0; cycle < cycles; cycle++) {
                Process child = new ProcessBuilder(childCommand(java, natives, dir, "c" + cycle, target.jdbcUrl()))
                        .redirectErrorStream(true)
                        .start();
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
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
                    } catch (java.io.UncheckedIOException killed) {
                        // the pipe closes when the child is killed mid-line: expected
                    }
                });
                boolean started = ready.await(30, TimeUnit.SECONDS);
                assertThat(started).as("the child started; it said %s", otherOutput).isTrue();
                Thread.sleep(random.nextInt(301));
                child.destroyForcibly();
                child.waitFor();
                reader.join();
                assertThat(otherOutput).as("the child printed no error before it was killed")
                        .noneMatch(line -> line.contains("Exception"));
            }
            try (RececonBridge bridge = RececonBridge.open(CrashChild.config(dir, target.jdbcUrl()))) {
                bridge.drain();
                assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
            }
            Set<String> outbox = keys("jdbc:sqlite:" + dir.resolve("outbox.db"), "select idempotency_key from entry");
            assertThat(committed).as("the children committed work").hasSizeGreaterThan(cycles / 4);
            assertThat(outbox).containsAll(committed);
            for (String store : List.of("jdbc:sqlite:" + dir.resolve("rececon.db"), target.jdbcUrl())) {
                assertThat(keys(store, "select idempotency_key from qualification")).as(store).isEqualTo(outbox);
                assertThat(count(store, "select count(*) from qualification")).as(store).isEqualTo(outbox.size());
            }
            try (Stream<Path> files = Files.list(dir.resolve("face"))) {
                assertThat(files.filter(p -> p.getFileName().toString().endsWith(".xml")).count()).isEqualTo(outbox.size());
            }
            List<String> csvKeys = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir.resolve("csv"))) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                    Csv.parse(Files.readString(file)).stream().skip(1).forEach(r -> csvKeys.add(r.fields().getFirst()));
                }
            }
            assertThat(csvKeys).as("every key once in the CSV export").hasSize(outbox.size()).containsExactlyInAnyOrderElementsOf(outbox);
            System.out.printf("crash test: %d kill -9 cycles, %d confirmations committed, 0 lost, 0 doubled in 4 sinks%n",
                    cycles, outbox.size());
        }
    }

    /** C1 only and the serial collector: the child starts faster, so a thousand kills fit in the full run. */
    private static List<String> childCommand(String java, Path natives, Path folder, String prefix,
            String postgresUrl) {
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.sqlite.tmpdir=" + natives, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                folder.toString(), prefix, postgresUrl);
    }

    private static Set<String> keys(String url, String sql) throws Exception {
        Set<String> keys = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, "uketsuke", ""); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static int count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "uketsuke", ""); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
