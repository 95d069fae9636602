package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This JVM's CPU time per kind of thread (its name without numbers: "C2 CompilerThread", "GC Thread", "main"), read
 * from {@code /proc/self/task} — the JIT's and the collector's threads too, which Java's thread beans do not show.
 * Empty where there is no {@code /proc}.
 */
final class ThreadCpu {

    /** Clock ticks per second of {@code /proc}'s utime/stime (USER_HZ: 100 on every Linux the project runs on). */
    private static final long TICKS_PER_SECOND = 100;

    private ThreadCpu() {}

    /** Nanoseconds of CPU per kind of thread since this JVM started. */
    static Map<String, Long> byKind() {
        Map<String, Long> kinds = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8);
                    kinds.merge(
                            kind(comm),
                            ticks(Files.readString(task.resolve("stat"), StandardCharsets.UTF_8)),
                            Long::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        kinds.replaceAll((kind, ticks) -> ticks * 1_000_000_000L / TICKS_PER_SECOND);
        return kinds;
    }

    /** Nanoseconds of CPU per kind of thread since {@code before} (threads that ended since are not counted). */
    static Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> now = byKind();
        now.replaceAll((kind, nanos) -> nanos - before.getOrDefault(kind, 0L));
        now.values().removeIf(nanos -> nanos <= 0);
        return now;
    }

    /** The JIT's compiler threads' kind ("C1 CompilerThre" and "C2 CompilerThre" without their digits). */
    static final String COMPILERS = "C_CompilerThre";

    /** How often {@link #awaitQuietCompilers} looks; the compilers are quiet when they used under one tick meanwhile. */
    private static final Duration QUIET = Duration.ofMillis(500);

    /**
     * Waits until this JVM's JIT compilers have gone quiet — less than one clock tick (10 ms) of CPU in half a second —
     * at most {@code max}; how long it waited. A terminal's untimed visits run back to back, while a kiosk serves
     * patients minutes apart: its compilers, ten nice steps below its other threads ({@code CompilerPriority}), finish
     * their work in those gaps, and without this pause they did it inside the bench's timed visits (docs/tuning.md,
     * twelfth round). Where there is no {@code /proc} it does not wait.
     */
    static Duration awaitQuietCompilers(Duration max) throws InterruptedException {
        long started = System.nanoTime();
        long before = byKind().getOrDefault(COMPILERS, -1L);
        while (before >= 0 && System.nanoTime() - started < max.toNanos()) {
            Thread.sleep(QUIET);
            long now = byKind().getOrDefault(COMPILERS, 0L);
            if (now - before < 1_000_000_000L / TICKS_PER_SECOND) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** A thread's kind: its name (as {@code comm} shows it, 15 characters) without digits, '#' and spaces at the end. */
    static String kind(String comm) {
        return comm.strip().replaceAll("[0-9#]+", "").strip().replace(' ', '_');
    }

    /** utime + stime from a {@code stat} line; the name in parentheses may hold spaces, so fields count after ')'. */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
