package org.uketsuke.app.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The cold start's own milestones (docs/tuning.md): with {@code -Duketsuke.startTrace=true} each one prints its time
 * since JVM start, its thread and the CPU time that thread has used so far on stderr, so a profile of the start needs
 * no class-load log (with an AOT cache every class is "loaded" at once when the cache is mapped, and a class-load
 * timeline says nothing).
 */
public final class StartTrace {

    private static final boolean ON = Boolean.getBoolean("uketsuke.startTrace");

    private StartTrace() {}

    /** The milliseconds since the JVM started (what the bench's cold-start row reports). */
    public static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * On Linux, the CPU milliseconds each live thread of the JVM has used so far (JIT compilers and GC included; a
     * thread that has ended is missing), from {@code /proc/self/task/}: one {@code start-threads} line, names as the
     * kernel keeps them (15 characters, blanks as {@code _}), then {@code process=} the whole process's. It showed that the JIT compilers, not the FX thread, use
     * most of the start's CPU (docs/tuning.md, eighth round).
     */
    public static void threads() {
        Path tasks = Path.of("/proc/self/task");
        if (!ON || !Files.isDirectory(tasks)) {
            return;
        }
        StringBuilder out = new StringBuilder("start-threads");
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : all.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                // After the name: state, then fields 4…; utime and stime are fields 14 and 15, in clock ticks (10 ms).
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                out.append(' ').append(name.replace(' ', '_')).append('=').append(ticks * 10);
            }
            // The whole process's, threads that have ended included (the start thread, the toolkit's launcher).
            ProcessHandle.current()
                    .info()
                    .totalCpuDuration()
                    .ifPresent(cpu -> out.append(" process=").append(cpu.toMillis()));
        } catch (IOException | RuntimeException e) {
            out.append(" unreadable: ").append(e.getMessage());
        }
        System.err.println(out);
    }

    public static void mark(String milestone) {
        if (ON) {
            System.err.println("start-trace " + sinceJvmStart() + " ms " + milestone + " ["
                    + Thread.currentThread().getName() + "] cpu "
                    + ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000 + " ms");
        }
    }
}
