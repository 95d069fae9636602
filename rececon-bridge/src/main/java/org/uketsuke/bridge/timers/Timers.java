package org.uketsuke.bridge.timers;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Stopping a background timer so that nothing it runs still writes after its owner has closed. */
public final class Timers {

    private Timers() {}

    /**
     * Interrupts {@code timer}'s task and waits up to 10 s for it to end: a pass already under way (an anchor being
     * written, a purge, a retried lookup) must not write into a data folder that its owner has already let go of.
     */
    public static void stop(ExecutorService timer) {
        timer.shutdownNow();
        try {
            var _ = timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
