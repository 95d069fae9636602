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
import java.util.HashSet;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points of submit/drain, again and again, then one clean drain: every key the child saw committed
 * is in the store exactly once, every outbox entry has exactly one face file, and no temporary file looks like a
 * result. Cycles: {@code -Duketsuke.crashCycles=N} (default 12; the full profile runs 1,000).
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
        for (int cycle = 0; cycle < cycles; cycle++) {
            Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(), "c" + cycle)
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            // Let it get going (JVM start + first commit: slow on a loaded machine), then kill it somewhere in the
            // middle of its work.
            CountDownLatch started = new CountDownLatch(1);
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    out.lines().forEach(line -> {
                        if (line.startsWith("submitted ")) {
                            synchronized (committed) {
                                committed.add(line.substring("submitted ".length()));
                            }
                            started.countDown();
                        }
                    });
                } catch (java.io.UncheckedIOException killed) {
                    // the pipe closes when the child is killed mid-line: expected
                }
            });
            started.await(30, TimeUnit.SECONDS);
            long killAfter = System.nanoTime() + random.nextInt(600) * 1_000_000L;
            while (System.nanoTime() < killAfter && child.isAlive()) {
                Thread.sleep(5);
            }
            child.destroyForcibly();
            child.waitFor();
            reader.join();
        }
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(dir.resolve("outbox.db"), dir.resolve("rececon.db"),
                dir.resolve("face"), Fixtures.INSTITUTION, StandardCharsets.UTF_8))) {
            bridge.drain();
            assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
        }
        Set<String> outbox = keys("outbox.db", "select idempotency_key from entry");
        Set<String> store = keys("rececon.db", "select idempotency_key from qualification");
        assertThat(committed).as("the children committed work").hasSizeGreaterThan(cycles);
        assertThat(outbox).containsAll(committed);
        assertThat(store).isEqualTo(outbox);
        assertThat(count("rececon.db", "select count(*) from qualification")).isEqualTo(outbox.size());
        try (Stream<Path> files = Files.list(dir.resolve("face"))) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".xml")).count()).isEqualTo(outbox.size());
        }
    }

    private Set<String> keys(String db, String sql) throws Exception {
        Set<String> keys = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(db));
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private int count(String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(db));
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
