package org.uketsuke.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The compilers below the start's threads (cold start, docs/tuning.md): checked in a JVM of its own, since a JVM cannot
 * raise its compilers' priority again and this one goes on to run other tests.
 */
@EnabledOnOs(OS.LINUX)
class CompilerPriorityTest {

    private static List<String> probe(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CompilerPriorityProbe.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(child.waitFor()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    /** Each thread's nice value by its kernel name; threads of one name (two C2 compilers) must agree. */
    private static Map<String, List<String>> nices(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("thread "))
                .map(l -> l.split(" "))
                .collect(Collectors.groupingBy(f -> f[1], Collectors.mapping(f -> f[2], Collectors.toList())));
    }

    private static boolean compiler(String thread) {
        return thread.equals("C1_CompilerThre") || thread.equals("C2_CompilerThre");
    }

    @Test
    void lowersEveryCompilerThreadTenStepsBelowTheJvmAndNoOtherThread() throws Exception {
        List<String> lines = probe("--enable-native-access=ALL-UNNAMED");
        Map<String, List<String>> nices = nices(lines);
        // The main thread (the kernel names it "java") keeps the nice value the JVM was started with.
        assertThat(nices).containsKeys("java", "C1_CompilerThre", "C2_CompilerThre");
        int jvm = Integer.parseInt(nices.get("java").getFirst());
        String lowered = String.valueOf(Math.min(19, jvm + CompilerPriority.STEPS));
        List<String> compilers = nices.entrySet().stream()
                .filter(e -> compiler(e.getKey()))
                .flatMap(e -> e.getValue().stream())
                .toList();
        assertThat(compilers).isNotEmpty().allMatch(lowered::equals);
        // As many as it found then; a compiler thread started since inherits the value and is checked above.
        assertThat(lines).anyMatch(l -> l.matches("said compiler threads 10 nice steps lower: [1-9][0-9]*"));
        // Every other thread — GC, the VM's own, the JDK's — keeps the JVM's.
        nices.entrySet().stream()
                .filter(e -> !compiler(e.getKey()))
                .forEach(e -> assertThat(e.getValue()).as(e.getKey()).allMatch(String.valueOf(jvm)::equals));
    }

    @Test
    void aJvmWithoutTheJitChangesNothingAndSaysSo() throws Exception {
        // -Xint: no compiler threads at all; the call still returns, having lowered none.
        List<String> lines = probe("--enable-native-access=ALL-UNNAMED", "-Xint");
        assertThat(lines).contains("said compiler threads 10 nice steps lower: 0");
        assertThat(nices(lines).keySet()).noneMatch(CompilerPriorityTest::compiler);
        assertThat(nices(lines).values().stream().flatMap(List::stream).distinct())
                .hasSize(1);
    }
}
