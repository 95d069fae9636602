package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend tells Jetty its references per cache line, so serving never makes the platform MBean server (≈ 0.1 s
 * of CPU in the demo's cold start, docs/tuning.md) and Jetty's padding is what its own rule would give; an operator's
 * value is kept. Each case runs in a fresh JVM: the server and Jetty's value are made once per JVM.
 */
class JettyCacheLineTest {

    /** One backend state for the three probes: its test PKI is made by the first and kept; removed after the class. */
    @TempDir
    static Path state;

    @Test
    void servingMakesNoMBeanServerAndJettyGetsItsOwnValue() throws Exception {
        String out = probe(List.of());
        assertThat(out).contains("mbean-servers=0");
        String jetty = value(out, "jetty=");
        assertThat(jetty).isEqualTo(value(out, "rule="));
        assertThat(Integer.parseInt(jetty)).isIn(8, 16);
    }

    @Test
    void anOperatorsValueIsKept() throws Exception {
        String out = probe(List.of("-D" + BackendServer.REFERENCES_PER_CACHE_LINE + "=5"));
        assertThat(value(out, "jetty=")).isEqualTo("5");
    }

    @Test
    void withCompressedReferencesOffTheRuleHalvesIt() throws Exception {
        String out = probe(List.of("-XX:-UseCompressedOops"));
        assertThat(out).contains("mbean-servers=0");
        assertThat(value(out, "jetty=")).isEqualTo(value(out, "rule=")).isEqualTo("8");
    }

    private static String value(String out, String key) {
        return out.lines()
                .filter(l -> l.startsWith(key))
                .map(l -> l.substring(key.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in:\n" + out));
    }

    private static String probe(List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), JettyCacheLineProbe.class.getName(), state.toString()));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(out).isZero();
        return out;
    }
}
