package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Waits, before a step of the full run, until the machine is idle: what an earlier step leaves behind (a million files
 * deleted and written back, PostgreSQL's checkpoint after the terminals' rows, JVMs still exiting) must not fall into
 * the next step's timings. In the full run of 2026-12-05 11:34 the face rows' Java and Python medians were both ≈ 1.5–2×
 * their usual while no other job ran.
 */
final class Quiet {

    /** Idle share of all cores over one window that counts as quiet. */
    static final double IDLE = 0.85;

    private static final Duration WINDOW = Duration.ofMillis(500);
    private static final int WINDOWS = 2;
    private static final Path STAT = Path.of("/proc/stat");

    /** How long the waits took, for the report's header. */
    private long waitedNanos;

    private long longestNanos;
    private int unsettled;

    /**
     * Flushes the page cache's dirty pages and waits until {@link #WINDOWS} windows in a row are at least {@link #IDLE}
     * idle, for at most {@code max}; what it saw, for the log.
     */
    String settle(String step, Duration max) throws InterruptedException {
        long started = System.nanoTime();
        sync();
        int quiet = 0;
        double idle = Double.NaN;
        while (quiet < WINDOWS && System.nanoTime() - started < max.toNanos()) {
            idle = idleShare();
            quiet = idle >= IDLE ? quiet + 1 : 0;
        }
        long took = System.nanoTime() - started;
        waitedNanos += took;
        longestNanos = Math.max(longestNanos, took);
        boolean settled = quiet >= WINDOWS;
        if (!settled) {
            unsettled++;
        }
        return String.format(
                Locale.ROOT,
                "%s: %s after %.1f s (idle %.0f %%)",
                step,
                settled ? "machine quiet" : "machine still busy, measuring anyway",
                took / 1e9,
                idle * 100);
    }

    /** One line for the report's header. */
    String summary(Duration max) {
        return String.format(
                Locale.ROOT,
                "Each step started once the machine was ≥ %.0f %% idle over %d × %d ms (after a sync), waiting at most"
                        + " %d s: %.1f s waited in all, %.1f s at most%s.",
                IDLE * 100,
                WINDOWS,
                WINDOW.toMillis(),
                max.toSeconds(),
                waitedNanos / 1e9,
                longestNanos / 1e9,
                unsettled == 0 ? "" : "; " + unsettled + " step(s) started on a busy machine");
    }

    /** The idle share of all cores over one {@link #WINDOW} (/proc/stat: idle + iowait over all ticks). */
    static double idleShare() throws InterruptedException {
        long[] before = ticks();
        Thread.sleep(WINDOW);
        long[] after = ticks();
        long total = 0;
        long idle = 0;
        for (int i = 0; i < after.length && i < before.length; i++) {
            long d = after[i] - before[i];
            total += d;
            if (i == 3 || i == 4) { // idle, iowait
                idle += d;
            }
        }
        return total == 0 ? 1.0 : idle / (double) total;
    }

    private static long[] ticks() {
        try {
            String cpu = Files.readAllLines(STAT, StandardCharsets.US_ASCII).getFirst();
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": guest time is in user already.
            return Arrays.stream(cpu.substring(3).strip().split(" +"))
                    .limit(8)
                    .mapToLong(Long::parseLong)
                    .toArray();
        } catch (IOException | RuntimeException e) {
            return new long[0]; // not Linux: no wait
        }
    }

    private static void sync() throws InterruptedException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            // no sync command: the wait for idle still applies
        }
    }
}
