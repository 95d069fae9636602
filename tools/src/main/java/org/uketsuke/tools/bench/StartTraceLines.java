package org.uketsuke.tools.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One traced app start, read from what the app printed with {@code -Duketsuke.startTrace=true} (the app's
 * {@code StartTrace}): its milestones' milliseconds since JVM start, its {@code ready}, and the CPU its threads had used
 * by then ({@code start-threads}: each live thread's, and the whole process's).
 */
record StartTraceLines(Map<String, Long> milestones, long readyMs, Map<String, Long> threadCpuMs, long processCpuMs) {

    private static final Pattern MARK = Pattern.compile("^start-trace (\\d+) ms (.+) \\[(.*)\\] cpu (\\d+) ms$");

    /** The longest thread name the kernel keeps (the JVM cuts a Java thread's name to it). */
    private static final int KERNEL_NAME = 15;

    /** The start cut at its milestones; each ends where the next begins, the last at {@code ready}. */
    enum Span {
        TO_LAUNCH(
                "JVM start → launch (main thread: JVM boot, command line, messages, the demo's set-up)",
                null,
                "launch"),
        TO_KIOSK(
                "launch → the kiosk's starting screen shown (toolkit, theme, kiosk views and their first style and"
                        + " layout pass; the terminal starts beside it)",
                "launch",
                "kiosk shown starting"),
        TO_WINDOWS(
                "kiosk shown → both windows built (waits for the terminal; the staff console)",
                "kiosk shown starting",
                "windows built"),
        TO_READY("windows built → ready (the set-up's tasks, the idle kiosk's next pulse)", "windows built", null);

        final String label;
        private final String from;
        private final String to;

        Span(String label, String from, String to) {
            this.label = label;
            this.from = from;
            this.to = to;
        }
    }

    /**
     * Kinds of thread, by the name the kernel keeps (15 characters, blanks as {@code _}; the main thread is
     * {@code java}); the rest is "other".
     */
    private enum Kind {
        C2("JIT C2", "C2_CompilerThre"),
        C1("JIT C1", "C1_CompilerThre"),
        FX("JavaFX thread", "JavaFX_Applicat"),
        MAIN("main", "java"),
        START("start thread (terminal, demo set-up)", "uketsuke-start"),
        BACKEND("demo backend", "(mock|demo)-backend(-\\d+)?"),
        FONTS("fonts", "uketsuke-fonts");

        final String label;
        private final Pattern names;

        Kind(String label, String names) {
            this.label = label;
            this.names = Pattern.compile(names);
        }

        /** The whole name: {@code java} is the main thread, not every thread whose name begins so. */
        boolean names(String thread) {
            return names.matcher(thread).matches();
        }
    }

    /** Empty when a milestone, the ready line or the threads' line is missing. */
    static Optional<StartTraceLines> of(long readyMs, List<String> lines) {
        Map<String, Long> milestones = new LinkedHashMap<>();
        Map<String, Long> threads = new LinkedHashMap<>();
        Map<String, Long> marked = new LinkedHashMap<>();
        long process = -1;
        for (String line : lines) {
            Matcher mark = MARK.matcher(line);
            if (mark.matches()) {
                milestones.putIfAbsent(mark.group(2), Long.parseLong(mark.group(1)));
                marked.merge(kernelName(mark.group(3)), Long.parseLong(mark.group(4)), Math::max);
            } else if (line.startsWith("start-threads ")) {
                for (String field : line.substring("start-threads ".length()).split(" ")) {
                    int eq = field.lastIndexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    long ms = Long.parseLong(field.substring(eq + 1));
                    String name = field.substring(0, eq);
                    if (name.equals("process")) {
                        process = ms;
                    } else {
                        threads.merge(name, ms, Long::sum);
                    }
                }
            }
        }
        // A thread that ended before the threads' line (the start thread, the demo backend's, the fonts') is missing
        // from it: its CPU at its last milestone stands in.
        marked.forEach(threads::putIfAbsent);
        boolean complete = process >= 0
                && Arrays.stream(Span.values())
                        .allMatch(s -> (s.from == null || milestones.containsKey(s.from))
                                && (s.to == null || milestones.containsKey(s.to)));
        return complete ? Optional.of(new StartTraceLines(milestones, readyMs, threads, process)) : Optional.empty();
    }

    private static String kernelName(String javaName) {
        String name = javaName.length() > KERNEL_NAME ? javaName.substring(0, KERNEL_NAME) : javaName;
        return name.replace(' ', '_');
    }

    double span(Span span) {
        long from = span.from == null ? 0 : milestones.get(span.from);
        long to = span.to == null ? readyMs : milestones.get(span.to);
        return to - from;
    }

    double processCpu() {
        return processCpuMs;
    }

    /**
     * Each kind's CPU, the median over the starts, then "other": the process's CPU less the kinds' (the launcher,
     * GC and the VM's own threads, the renderer, and what a thread that ended used after its last milestone).
     */
    static String byKind(List<StartTraceLines> starts) {
        List<String> parts = new ArrayList<>();
        double[] named = new double[starts.size()];
        for (Kind kind : Kind.values()) {
            double[] ms = new double[starts.size()];
            for (int i = 0; i < starts.size(); i++) {
                ms[i] = starts.get(i).threadCpuMs.entrySet().stream()
                        .filter(e -> kind.names(e.getKey()))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
                named[i] += ms[i];
            }
            parts.add(String.format(
                    Locale.ROOT, "%s %.0f", kind.label, Stats.ofMillis(ms).median()));
        }
        double[] other = new double[starts.size()];
        for (int i = 0; i < starts.size(); i++) {
            other[i] = starts.get(i).processCpuMs - named[i];
        }
        parts.add(String.format(Locale.ROOT, "other %.0f", Stats.ofMillis(other).median()));
        return String.join(", ", parts);
    }
}
