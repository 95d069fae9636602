package org.uketsuke.bridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while a child process appends, again and again: after every kill the log verifies as intact, with a
 * typed incomplete tail or with the head one entry behind — never broken — and holds every entry the child saw acknowledged; reopening continues the
 * chain. Cycles: {@code -Duketsuke.crashCycles=N} (default 6).
 */
class AuditCrashTest {

    @TempDir
    Path dir;

    @Test
    void killNineDuringAppendsNeverBreaksTheChainNorLosesAnAcknowledgedEntry() throws Exception {
        int cycles = Math.min(Integer.getInteger("uketsuke.crashCycles", 6), 20);
        Random random = new Random(20261203L);
        Path file = dir.resolve("audit.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        AtomicLong acknowledged = new AtomicLong();
        for (int cycle = 0; cycle < cycles; cycle++) {
            Process child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            AuditCrashChild.class.getName(),
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            CountDownLatch started = new CountDownLatch(1);
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    out.lines().filter(line -> line.startsWith("appended ")).forEach(line -> {
                        acknowledged.accumulateAndGet(Long.parseLong(line.substring(9)), Math::max);
                        started.countDown();
                    });
                } catch (UncheckedIOException killed) {
                    // the pipe closes mid-line when the child dies: expected
                }
            });
            started.await(30, TimeUnit.SECONDS); // JVM start is slow on a loaded machine
            long killAfter = System.nanoTime() + random.nextInt(500) * 1_000_000L;
            while (System.nanoTime() < killAfter && child.isAlive()) {
                Thread.sleep(5);
            }
            child.destroyForcibly();
            child.waitFor();
            reader.join();

            AuditVerification after = AuditLog.verify(file);
            assertThat(after)
                    .as("cycle %d", cycle)
                    .isInstanceOfAny(
                            AuditVerification.Intact.class,
                            AuditVerification.IncompleteTail.class,
                            AuditVerification.HeadBehind.class);
            long entries = switch (after) {
                case AuditVerification.Intact i -> i.entries();
                case AuditVerification.IncompleteTail t -> t.intactEntries();
                case AuditVerification.HeadBehind h -> h.entries();
                default -> 0;
            };
            assertThat(entries)
                    .as("cycle %d keeps every acknowledged entry", cycle)
                    .isGreaterThanOrEqualTo(acknowledged.get());
        }
        assertThat(acknowledged.get()).as("the children appended").isGreaterThan(cycles);
        AuditLog.open(file);
        assertThat(AuditLog.verify(file)).isInstanceOf(AuditVerification.Intact.class);
    }
}
