package org.uketsuke.app.ui;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * Measures how long the FX thread is kept from its event queue: every 10 ms a task is posted with its post time, and
 * the delay until it runs is recorded. A delay well above the period means the FX thread was busy with something —
 * the views promise it never is for more than 100 ms (work runs on workers). For tests and diagnostics.
 */
public final class FxStallProbe implements AutoCloseable {

    private static final int CAPACITY = 200_000;

    private final long[] delays = new long[CAPACITY];
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread poster;

    private FxStallProbe() {
        poster = Thread.ofPlatform().name("fx-stall-probe").daemon().start(() -> {
            while (running.get()) {
                long posted = System.nanoTime();
                AtomicBoolean ran = new AtomicBoolean();
                Platform.runLater(() -> {
                    record(System.nanoTime() - posted);
                    ran.set(true);
                });
                try {
                    Thread.sleep(10);
                    // Never more than one task in flight: a blocked FX thread then shows as one long delay.
                    while (!ran.get() && running.get()) {
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    public static FxStallProbe start() {
        return new FxStallProbe();
    }

    private void record(long nanos) {
        int i = count.getAndIncrement();
        if (i < CAPACITY) {
            delays[i] = nanos;
        }
    }

    /** What was measured so far. */
    public record Stalls(int samples, double maxMs, double p99Ms, double medianMs) {
        /** Whether the longest stall was longer than {@code goal}. */
        public boolean exceeds(Duration goal) {
            return maxMs * 1_000_000 > goal.toNanos();
        }
    }

    /**
     * Whether the goal was exceeded in most of several runs of the same work: one run disturbed by the machine's other
     * load does not decide, a stall the code causes shows in most runs.
     */
    public static boolean exceededInMost(List<Stalls> runs, Duration goal) {
        long exceeded = runs.stream().filter(s -> s.exceeds(goal)).count();
        return exceeded * 2 > runs.size();
    }

    public Stalls stalls() {
        int n = Math.min(count.get(), CAPACITY);
        long[] sorted = Arrays.copyOf(delays, n);
        Arrays.sort(sorted);
        if (n == 0) {
            return new Stalls(0, 0, 0, 0);
        }
        return new Stalls(
                n, sorted[n - 1] / 1e6, sorted[Math.max(0, (int) Math.ceil(0.99 * n) - 1)] / 1e6, sorted[n / 2] / 1e6);
    }

    @Override
    public void close() {
        running.set(false);
        poster.interrupt();
    }
}
