package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartTraceLinesTest {

    /** What a traced demo start printed (2026-12-06, trimmed), with the threads' line as the app writes it. */
    private static List<String> start(long processCpu) {
        return List.of(
                "12:00:01.234 INFO  some log line the parser must pass over",
                "start-trace 457 ms launch [main] cpu 267 ms",
                "start-trace 470 ms toolkit started [JavaFX Application Thread] cpu 31 ms",
                "start-trace 623 ms kiosk view built [JavaFX Application Thread] cpu 85 ms",
                "start-trace 698 ms demo backend bound [uketsuke-start] cpu 104 ms",
                "start-trace 888 ms terminal started [uketsuke-start] cpu 162 ms",
                "start-trace 898 ms kiosk shown starting [JavaFX Application Thread] cpu 192 ms",
                "start-trace 958 ms staff console built [JavaFX Application Thread] cpu 218 ms",
                "start-trace 1037 ms windows built [JavaFX Application Thread] cpu 253 ms",
                "ready 1132",
                "start-threads java=0 java=260 VM_Thread=10 C2_CompilerThre=600 C1_CompilerThre=500"
                        + " C2_CompilerThre=100 JavaFX_Applicat=280 mock-backend-38=20 mock-backend-40=10"
                        + " uketsuke-fonts=60 javascript=5 process=" + processCpu);
    }

    @Test
    void cutsTheStartAtItsMilestonesUpToReady() {
        StartTraceLines trace = StartTraceLines.of(1132, start(2100)).orElseThrow();
        assertThat(trace.span(StartTraceLines.Span.TO_LAUNCH)).isEqualTo(457);
        assertThat(trace.span(StartTraceLines.Span.TO_KIOSK)).isEqualTo(898 - 457);
        assertThat(trace.span(StartTraceLines.Span.TO_WINDOWS)).isEqualTo(1037 - 898);
        assertThat(trace.span(StartTraceLines.Span.TO_READY)).isEqualTo(1132 - 1037);
        double sum = 0;
        for (StartTraceLines.Span span : StartTraceLines.Span.values()) {
            sum += trace.span(span);
        }
        assertThat(sum).isEqualTo(1132);
        assertThat(trace.processCpu()).isEqualTo(2100);
    }

    @Test
    void sumsTheThreadsByKindAndLeavesTheRestOfTheProcessToOther() {
        List<StartTraceLines> starts = List.of(
                StartTraceLines.of(1132, start(2100)).orElseThrow(),
                StartTraceLines.of(1132, start(2300)).orElseThrow(),
                StartTraceLines.of(1132, start(2200)).orElseThrow());
        // Both C2 threads add up; "javascript" is not the main thread ("java"); the start thread had ended, so its
        // last milestone's 162 ms stands in; the JavaFX thread's own line (280) wins over its milestones' (253).
        // Other = process − named kinds: 2200 − (700 + 500 + 280 + 260 + 162 + 30 + 60) = 208 at the median.
        assertThat(StartTraceLines.byKind(starts))
                .isEqualTo("JIT C2 700, JIT C1 500, JavaFX thread 280, main 260, start thread (terminal, demo set-up)"
                        + " 162, demo backend 30, fonts 60, other 208");
    }

    @Test
    void aStartWithoutAMilestoneOrTheThreadsLineIsNotATrace() {
        List<String> noWindows = new ArrayList<>(start(2100));
        noWindows.removeIf(l -> l.contains("windows built"));
        assertThat(StartTraceLines.of(1132, noWindows)).isEmpty();
        List<String> noThreads = new ArrayList<>(start(2100));
        noThreads.removeIf(l -> l.startsWith("start-threads"));
        assertThat(StartTraceLines.of(1132, noThreads)).isEmpty();
        // An untraced start prints only its ready.
        assertThat(StartTraceLines.of(1132, List.of("ready 1132"))).isEmpty();
    }
}
