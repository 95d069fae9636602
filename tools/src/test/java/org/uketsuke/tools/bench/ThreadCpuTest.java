package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The terminals' CPU per kind of thread, read from /proc: names grouped, utime + stime counted. */
class ThreadCpuTest {

    @Test
    void threadsOfOneKindShareANameWithoutTheirNumbers() {
        assertThat(ThreadCpu.kind("C2 CompilerThre\n")).isEqualTo("C_CompilerThre");
        assertThat(ThreadCpu.kind("GC Thread#1\n")).isEqualTo("GC_Thread");
        assertThat(ThreadCpu.kind("main\n")).isEqualTo("main");
    }

    @Test
    void userAndSystemTicksAreCountedEvenWhenTheNameHoldsSpacesAndParentheses() {
        String stat = "4242 (GC Thread (1)) S 1 4242 4242 0 -1 4194368 100 0 0 0 250 17 0 0 20 0 30 0 5 0 0";
        assertThat(ThreadCpu.ticks(stat)).isEqualTo(267);
    }

    @Test
    void thisJvmHasUsedCpuAndTheCountOnlyGrows() {
        var before = ThreadCpu.byKind();
        assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isPositive();
        assertThat(ThreadCpu.since(before))
                .allSatisfy((kind, nanos) -> assertThat(nanos).isPositive());
    }

    @Test
    void thePauseForQuietCompilersKeepsToItsLimit() throws Exception {
        // This JVM's compilers are named as the pause looks for them, so it does look at them.
        assertThat(ThreadCpu.byKind()).containsKey(ThreadCpu.COMPILERS);
        assertThat(ThreadCpu.awaitQuietCompilers(Duration.ZERO)).isLessThan(Duration.ofMillis(400));
        // Busy or quiet, it returns by the limit plus one look (half a second), never later.
        assertThat(ThreadCpu.awaitQuietCompilers(Duration.ofSeconds(1))).isLessThan(Duration.ofMillis(1_900));
    }
}
