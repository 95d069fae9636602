package org.uketsuke.reader.pcsc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes sure the PC/SC service runs. On machines without systemd socket activation (containers, CI) pcscd has to
 * be started by hand; when we are root and the binary is there, we start it and wait for its readers.
 */
public final class PcscService {

    private PcscService() {}

    /** The result of {@link #ensureRunning}. */
    public sealed interface Status {
        /** The service answers; {@code startedByUs} when this call launched it. */
        record Running(List<String> readers, boolean startedByUs) implements Status {}

        /** The service cannot be had; {@code reason} says why in words an operator can act on. */
        record Unavailable(String reason) implements Status {}
    }

    /**
     * Answers whether pcscd runs with at least one reader, starting it when it is down and we may (root, binary
     * installed). A service that runs without readers yet is given the time to find them.
     *
     * @param timeout how long to wait for readers to appear
     */
    public static Status ensureRunning(Duration timeout) {
        boolean startedByUs = false;
        try {
            List<String> names = new PcscReaders().readers();
            if (!names.isEmpty()) {
                return new Status.Running(names, false);
            }
        } catch (CardServiceUnavailableException down) {
            Optional<String> refusal = start(down);
            if (refusal.isPresent()) {
                return new Status.Unavailable(refusal.get());
            }
            startedByUs = true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no reader appeared";
        do {
            try {
                List<String> names = new PcscReaders().readers();
                if (!names.isEmpty()) {
                    return new Status.Running(names, startedByUs);
                }
            } catch (CardServiceUnavailableException e) {
                lastProblem = e.getMessage();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        return new Status.Unavailable((startedByUs ? "pcscd was started but " : "pcscd runs but ") + lastProblem
                + " within " + timeout.toSeconds() + " s (is vsmartcard-vpcd or a reader driver installed?)");
    }

    /** Starts pcscd (it daemonises); empty when launched, else why it could not be. */
    private static Optional<String> start(CardServiceUnavailableException down) {
        Optional<Path> pcscd = Stream.of(Path.of("/usr/sbin/pcscd"), Path.of("/usr/bin/pcscd"))
                .filter(Files::isExecutable)
                .findFirst();
        if (pcscd.isEmpty()) {
            return Optional.of("pcscd is not installed (apt-get install pcscd vsmartcard-vpcd); " + down.getMessage());
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of(
                    "pcscd is not running and only root can start it here: " + pcscd.get() + "; " + down.getMessage());
        }
        try {
            // Its exit status is no verdict (another instance may have won a race); the readers are.
            new ProcessBuilder(pcscd.get().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("could not start " + pcscd.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while starting pcscd");
        }
    }
}
