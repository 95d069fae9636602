package org.uketsuke.bridge.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** What the req/res folder exchanges share: the folders they need and the daemon thread that runs their passes. */
final class FolderPolling {

    private FolderPolling() {}

    /** Creates {@code req/done} and {@code res} if they are not there yet. */
    static void prepare(Path req, Path res) {
        try {
            Files.createDirectories(req.resolve("done"));
            Files.createDirectories(res);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the req/res folders", e);
        }
    }

    /**
     * Runs {@code pass} every {@code interval} on a daemon thread named {@code thread} until the handle is closed; a
     * failing pass is logged and the next one runs anyway (the files stay in {@code req} until answered).
     */
    static AutoCloseable every(Duration interval, String thread, Runnable pass, Logger log) {
        var timer = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().name(thread).daemon().unstarted(runnable));
        // Each pass catches its own failures, so the future carries nothing worth reading; closing stops the timer.
        var _ = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        pass.run();
                    } catch (RuntimeException e) {
                        log.warn("{} pass failed: {}", thread, e.toString());
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }
}
