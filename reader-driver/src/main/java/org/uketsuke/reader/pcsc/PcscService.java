package org.uketsuke.reader.pcsc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
     * Answers whether pcscd runs with at least one reader, starting it when possible.
     *
     * @param timeout how long to wait for readers to appear after a start
     */
    public static Status ensureRunning(Duration timeout) {
        PcscReaders readers = new PcscReaders();
        CardServiceUnavailableException last;
        try {
            List<String> names = readers.readers();
            if (!names.isEmpty()) {
                return new Status.Running(names, false);
            }
            last = null;
        } catch (CardServiceUnavailableException e) {
            last = e;
        }
        Path pcscd = List.of(Path.of("/usr/sbin/pcscd"), Path.of("/usr/bin/pcscd")).stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (pcscd == null) {
            return new Status.Unavailable("pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)"
                    + (last == null ? "" : "; " + last.getMessage()));
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return new Status.Unavailable("pcscd is not running and only root can start it here: " + pcscd
                    + (last == null ? "" : "; " + last.getMessage()));
        }
        try {
            Process started = new ProcessBuilder(pcscd.toString()).redirectErrorStream(true).start();
            started.waitFor();
        } catch (IOException e) {
            return new Status.Unavailable("could not start " + pcscd + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status.Unavailable("interrupted while starting pcscd");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no reader appeared";
        while (System.nanoTime() < deadline) {
            try {
                List<String> names = new PcscReaders().readers();
                if (!names.isEmpty()) {
                    return new Status.Running(names, true);
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
        }
        return new Status.Unavailable("pcscd was started but " + lastProblem + " within " + timeout.toSeconds()
                + " s (is vsmartcard-vpcd installed?)");
    }
}
