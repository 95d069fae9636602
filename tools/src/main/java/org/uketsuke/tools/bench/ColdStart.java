package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.uketsuke.tools.bench.BenchTable.Result;
import org.uketsuke.tools.bench.BenchTable.Row;
import org.uketsuke.tools.bench.window.MinimalWindow;

/**
 * App cold start to the idle kiosk + staff windows (goal ≤ 1.5 s, and ≤ 1.5× a minimal JavaFX window with the same JDK
 * and flags: the product's JVM options for both), with JDK 25's AOT cache as the launcher uses it (JEPs 483/514/515: classes loaded and linked, method
 * profiles) against the AppCDS archive it used before, started in turns so other load on the machine falls on each
 * alike.
 */
final class ColdStart {

    /** How each start is made; each keeps its own archive or cache, made by an uncounted first start. */
    private enum Variant {
        WINDOW("minimal JavaFX window, AOT cache"),
        THEMED("two minimal windows in the app's look (a label each, 1024 × 768, AtlantaFX Primer Light + kiosk.css,"
                + " Noto Sans CJK), AOT cache"),
        APPCDS("AppCDS (-XX:SharedArchiveFile)"),
        AOT("AOT cache (-XX:AOTCache, JDK 25, as ./uketsuke)");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    private final Path work;
    private final int runs;

    ColdStart(Path work, boolean quick) {
        this.work = work;
        this.runs = quick ? 3 : 7;
    }

    void measure(Consumer<Row> out) throws IOException, InterruptedException {
        Map<Variant, long[]> starts = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            starts.put(v, new long[runs]);
        }
        for (int i = -1; i < runs; i++) { // the first start makes the demo's state and each archive: not counted
            for (Variant v : Variant.values()) {
                Optional<Start> ms = start(v, i < 0, false);
                if (ms.isEmpty()) {
                    out.accept(Row.notMeasured(
                            "App cold start (" + v.label + ")", "the window did not come up (no display?)", "≤ 1.5 s"));
                    return;
                }
                if (i >= 0) {
                    starts.get(v)[i] = ms.get().readyMs() * 1_000_000L;
                }
            }
        }
        Stats window = Stats.ofNanos(starts.get(Variant.WINDOW));
        Stats cds = Stats.ofNanos(starts.get(Variant.APPCDS));
        Stats aot = Stats.ofNanos(starts.get(Variant.AOT));
        Stats themed = Stats.ofNanos(starts.get(Variant.THEMED));
        String app = "App cold start: JVM start → idle kiosk + staff windows shown (embedded backend, Xvfb, software"
                + " rendering), ";
        out.accept(new Row(
                app + Variant.AOT.label,
                Optional.of(aot),
                String.format(
                        Locale.ROOT, "median %.2f× AppCDS's; %s", aot.median() / cds.median(), archiveSize("cold.aot")),
                "median ≤ 1.5 s",
                Result.atMost(aot.median(), 1_500)));
        out.accept(new Row(app + Variant.APPCDS.label, Optional.of(cds), archiveSize("cold.jsa"), "", Result.NONE));
        out.accept(new Row(
                "Floor: " + Variant.WINDOW.label + " (same JDK, flags, Xvfb)",
                Optional.of(window),
                "",
                "",
                Result.NONE));
        double ratio = aot.median() / window.median();
        out.accept(new Row(
                "Ratio: app cold start (AOT cache, as ./uketsuke) ÷ minimal window, medians",
                Optional.empty(),
                String.format(Locale.ROOT, "%.2f×", ratio),
                "≤ 1.5×",
                Result.atMost(ratio, 1.5)));
        out.accept(new Row(
                "Floor: " + Variant.THEMED.label + " (same JDK, flags, Xvfb)",
                Optional.of(themed),
                "",
                "",
                Result.NONE));
        out.accept(new Row(
                "Ratio: app cold start ÷ two minimal windows in the app's look, medians (reported; the goal is the ratio"
                        + " above)",
                Optional.empty(),
                String.format(Locale.ROOT, "%.2f×", aot.median() / themed.median()),
                "",
                Result.NONE));
        traced(out);
    }

    /**
     * Where an app start's time and CPU go, against the minimal window's CPU: more starts of each on the same caches,
     * the app's with its own trace ({@code -Duketsuke.startTrace}: milestones, then each thread's CPU), not counted in
     * the rows above (the trace itself costs a few milliseconds). The figures the notes' "what is left" rest on.
     */
    private void traced(Consumer<Row> out) throws IOException, InterruptedException {
        int runs = this.runs <= 3 ? 1 : 3;
        List<StartTraceLines> app = new ArrayList<>();
        double[] windowCpu = new double[runs];
        double[] themedCpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            Optional<Start> window = start(Variant.WINDOW, false, false);
            Optional<Start> themed = start(Variant.THEMED, false, false);
            Optional<StartTraceLines> traced =
                    start(Variant.AOT, false, true).flatMap(s -> StartTraceLines.of(s.readyMs(), s.lines()));
            if (window.isEmpty() || themed.isEmpty() || traced.isEmpty()) {
                out.accept(
                        Row.notMeasured("App cold start, traced", "a traced start printed no trace or no ready", ""));
                return;
            }
            windowCpu[i] = cpu(window.get());
            themedCpu[i] = cpu(themed.get());
            app.add(traced.get());
        }
        String n = String.format(Locale.ROOT, "median of %d traced starts (AOT cache)", runs);
        for (StartTraceLines.Span span : StartTraceLines.Span.values()) {
            out.accept(new Row(
                    "… of which " + span.label,
                    Optional.of(Stats.ofMillis(
                            app.stream().mapToDouble(t -> t.span(span)).toArray())),
                    n,
                    "",
                    Result.NONE));
        }
        Stats appCpu = Stats.ofMillis(
                app.stream().mapToDouble(StartTraceLines::processCpu).toArray());
        Stats minimalCpu = Stats.ofMillis(windowCpu);
        Stats themedCpuStats = Stats.ofMillis(themedCpu);
        out.accept(new Row(
                "CPU of an app start to ready, all its threads (traced starts, AOT cache; thread CPU in 10 ms ticks)",
                Optional.of(appCpu),
                String.format(
                        Locale.ROOT,
                        "by thread (medians, ms): %s; whole processes' medians: the minimal window %.0f ms (the app"
                                + " %.2f× it), the two windows in the app's look %.0f ms (%.2f×)",
                        StartTraceLines.byKind(app),
                        minimalCpu.median(),
                        appCpu.median() / minimalCpu.median(),
                        themedCpuStats.median(),
                        appCpu.median() / themedCpuStats.median()),
                "",
                Result.NONE));
    }

    /** The process CPU a minimal window printed after its ready (NaN if it printed none). */
    private static double cpu(Start start) {
        return start.lines().stream()
                .filter(l -> l.startsWith("cpu "))
                .mapToDouble(l -> Double.parseDouble(l.substring(4).strip()))
                .findFirst()
                .orElse(Double.NaN);
    }

    private String archiveSize(String name) {
        Path file = work.resolve(name);
        try {
            return Files.exists(file)
                    ? String.format(Locale.ROOT, "%s %.0f MB", name, Files.size(file) / 1e6)
                    : name + " not made";
        } catch (IOException e) {
            return name + " unreadable";
        }
    }

    /** One start's {@code ready} milliseconds and everything it printed (the trace's lines, when traced). */
    private record Start(long readyMs, List<String> lines) {}

    private Optional<Start> start(Variant variant, boolean first, boolean traced)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (System.getenv("DISPLAY") == null && Files.isExecutable(Path.of("/usr/bin/xvfb-run"))) {
            command.addAll(List.of("/usr/bin/xvfb-run", "-a"));
        }
        // The product's JVM options (packaging/jvm-options.properties, as ./uketsuke and the installers start it: its
        // collector among them) for the app and the minimal window alike. Until 2026-12-06 this row ran both on the
        // JVM's default collector (G1 on this machine), which the product does not use.
        command.add(BenchCommand.javaCommand());
        command.addAll(ProductJvmOptions.product());
        command.add("-Dprism.order=sw");
        if (traced) {
            command.add("-Duketsuke.startTrace=true");
        }
        command.addAll(
                switch (variant) {
                    case WINDOW -> aot("window.aot", first);
                    case THEMED -> aot("themed.aot", first);
                    case APPCDS -> cds("cold.jsa");
                    case AOT -> aot("cold.aot", first);
                });
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        if (variant == Variant.WINDOW) {
            command.add(MinimalWindow.class.getName());
        } else if (variant == Variant.THEMED) {
            command.addAll(List.of(MinimalWindow.class.getName(), "themed"));
        } else {
            command.addAll(List.of(
                    "org.uketsuke.app.Uketsuke",
                    "demo",
                    "--exit-when-ready",
                    "--data-dir",
                    work.resolve("cold-" + variant.name().toLowerCase(Locale.ROOT))
                            .toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        process.waitFor();
        return lines.stream()
                .filter(l -> l.startsWith("ready "))
                .findFirst()
                .map(ready -> new Start(Long.parseLong(ready.substring(6).strip()), lines));
    }

    /** As ./uketsuke starts the app (JEP 514): the first start trains and writes the cache at exit, later ones map it. */
    private List<String> aot(String cache, boolean first) {
        return AotCache.flags(first ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=", work.resolve(cache));
    }

    /** As ./uketsuke started the app before: AppCDS with an archive the first start makes. */
    private List<String> cds(String archive) {
        return List.of(
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + work.resolve(archive),
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off");
    }
}
