package org.uketsuke.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.mockbackend.MockBackendMain;

/**
 * The mock backend in a JVM of its own (as a terminal reaches the national system: another machine), serving a state
 * folder in which the bench's JVM already issued the cards ({@link #config}: the same seed and population, so the
 * cards and their registrations are the ones it serves).
 */
final class BackendProcess implements AutoCloseable {

    private static final long SEED = 42;

    private final Process process;
    private final String uri;

    private BackendProcess(Process process, String uri) {
        this.process = process;
        this.uri = uri;
    }

    /** The configuration the cards are issued under before {@link #start} serves the same state. */
    static MockBackendConfig config(Path state, int people) {
        return new MockBackendConfig(state, 0, SEED, people);
    }

    /**
     * Starts the backend's JVM on {@code state}, once it listens: with the product's options, as {@code ./uketsuke
     * backend} starts it (before, the bench left it on the JVM's default collector, G1, with its refinement and
     * marking threads on the terminals' two cores), {@code -Xmx256m} and {@code jvmOptions}.
     */
    static BackendProcess start(Path state, int people, Path errors, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(BenchCommand.javaCommand()));
        command.addAll(ProductJvmOptions.product());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                MockBackendMain.class.getName(),
                "--port",
                "0",
                "--state",
                state.toString(),
                "--seed",
                Long.toString(SEED),
                "--people",
                Integer.toString(people)));
        Process process =
                new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try {
            return new BackendProcess(process, listening(process, errors));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    String uri() {
        return uri;
    }

    /** The CPU time the backend's JVM has used so far (every thread, GC and JIT too). */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * The URI the backend's JVM prints once it listens ("mock backend listening on https://…/ (…)"; logging's own
     * start-up lines may come first).
     */
    private static String listening(Process backend, Path errors) throws IOException {
        String listening = "mock backend listening on ";
        BufferedReader out = backend.inputReader(StandardCharsets.UTF_8);
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(listening)) {
                // Nothing else is read: drain the rest so the backend never blocks on a full pipe.
                Thread.ofPlatform().daemon().start(() -> drain(out));
                return line.substring(listening.length()).split(" ")[0];
            }
        }
        throw new IOException("the mock backend's JVM did not start (see " + errors + ")");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discarded
            }
        } catch (IOException e) {
            // the backend ended
        }
    }
}
