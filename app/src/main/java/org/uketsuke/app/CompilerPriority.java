package org.uketsuke.app;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JIT's compiler threads at a lower priority ({@value #STEPS} {@code nice} steps below the JVM's own threads) for a
 * windowed start (Linux). On two
 * cores the compilers took more than one core through the whole cold start (C1 + C2 ≈ 1.2 s of CPU in a 1.2 s start,
 * the bench's traced starts), so the FX thread waited for a core while they compiled methods that, with the AOT
 * cache's profiles, they could compile later. Ten steps lower they run whenever the start's own threads leave a core free,
 * and the kiosk's idle time between patients is where the rest of their work goes (docs/tuning.md, twelfth round).
 *
 * <p>A process without privilege cannot raise a priority it lowered, so this holds for the JVM's life; the tenth round
 * measured visits with the compilers at nice 10 (p95 unchanged). A JVM started at a nice value of its own (a service's
 * {@code Nice=}) keeps the same gap, at most 19; its compilers are never raised. Threads the compilers start later inherit it. Where
 * anything is unusual (not Linux, no {@code /proc}, no {@code setpriority}) nothing changes.
 */
public final class CompilerPriority {

    /** How far below the JVM's other threads the compilers run: at nice 10 for a JVM at 0, above a batch job's 19. */
    static final int STEPS = 10;

    private static final int LOWEST = 19;

    /** {@code PRIO_PROCESS}: on Linux {@code setpriority} with a thread's id sets that thread's nice value. */
    private static final int PRIO_PROCESS = 0;

    /** The names the kernel keeps for HotSpot's compiler threads (15 characters). */
    private static final List<String> COMPILERS = List.of("C1 CompilerThre", "C2 CompilerThre");

    private CompilerPriority() {}

    /**
     * Lowers the compiler threads running now (call it first thing in {@code main}); what it did, for a debug line:
     * how many it lowered, or why none. The bench's terminal JVMs call it as the windowed kiosk does.
     */
    public static String lower() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "compilers' priority unchanged: not Linux";
        }
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return "compilers' priority unchanged: no /proc";
        }
        Optional<Priority> priority = priority();
        if (priority.isEmpty()) {
            return "compilers' priority unchanged: no getpriority/setpriority";
        }
        int lowered = 0;
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : all.toList()) {
                if (COMPILERS.contains(comm(task)) && lower(priority.get(), task)) {
                    lowered++;
                }
            }
        } catch (IOException | RuntimeException e) {
            return "compilers' priority: " + e;
        }
        return "compiler threads " + STEPS + " nice steps lower: " + lowered;
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return ""; // the thread ended meanwhile
        }
    }

    private static boolean lower(Priority priority, Path task) {
        int tid;
        try {
            tid = Integer.parseInt(task.getFileName().toString());
        } catch (NumberFormatException e) {
            return false;
        }
        try {
            int now = (int) priority.get().invokeExact(PRIO_PROCESS, tid);
            return (int) priority.set().invokeExact(PRIO_PROCESS, tid, Math.min(LOWEST, now + STEPS)) == 0;
        } catch (Throwable e) { // invokeExact declares Throwable; a failed call changes nothing
            return false;
        }
    }

    /** libc's {@code getpriority(which, who)} and {@code setpriority(which, who, prio)}. */
    private record Priority(MethodHandle get, MethodHandle set) {}

    // A restricted method: the product's JVM options enable native access (packaging/jvm-options.properties).
    @SuppressWarnings("restricted")
    private static Optional<Priority> priority() {
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            Optional<MemorySegment> get = libc.find("getpriority");
            Optional<MemorySegment> set = libc.find("setpriority");
            if (get.isEmpty() || set.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Priority(
                    linker.downcallHandle(
                            get.get(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)),
                    linker.downcallHandle(
                            set.get(),
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT))));
        } catch (RuntimeException | LinkageError e) { // native access refused, or no linker on this platform
            return Optional.empty();
        }
    }
}
