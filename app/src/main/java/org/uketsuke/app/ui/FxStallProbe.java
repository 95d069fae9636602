package org.uketsuke.app.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * Measures how long the FX thread is kept from its event queue: every 10 ms a task is posted with its post time, and
 * the delay until it runs is recorded. A delay well above the period means the FX thread was busy with something —
 * the views promise it never is for more than 100 ms (work runs on workers). A second thread that only sleeps 5 ms at
 * a time records when the whole process was held up (a garbage collection, a machine short of CPU): the part of a
 * delay that such a pause covers is not the FX thread's own doing ({@link Stalls#fxOwnMaxMs}). For tests and
 * diagnostics.
 */
public final class FxStallProbe implements AutoCloseable {

    private static final int CAPACITY = 200_000;
    /** A sleeper woken this much later than asked saw the process held up. */
    private static final long PAUSE_NANOS = Duration.ofMillis(20).toNanos();

    private final long[] posted = new long[CAPACITY];
    private final long[] delays = new long[CAPACITY];
    private final AtomicInteger count = new AtomicInteger();
    private final List<long[]> pauses = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread poster;
    private final Thread sleeper;

    private FxStallProbe() {
        poster = Thread.ofPlatform().name("fx-stall-probe").daemon().start(() -> {
            while (running.get()) {
                long postedAt = System.nanoTime();
                AtomicBoolean ran = new AtomicBoolean();
                Platform.runLater(() -> {
                    record(postedAt, System.nanoTime() - postedAt);
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
        sleeper = Thread.ofPlatform().name("fx-stall-probe-control").daemon().start(() -> {
            while (running.get()) {
                long asleep = System.nanoTime();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                long awake = System.nanoTime();
                if (awake - asleep - Duration.ofMillis(5).toNanos() > PAUSE_NANOS) {
                    synchronized (pauses) {
                        pauses.add(new long[] {asleep + Duration.ofMillis(5).toNanos(), awake});
                    }
                }
            }
        });
    }

    public static FxStallProbe start() {
        return new FxStallProbe();
    }

    private void record(long postedAt, long nanos) {
        int i = count.getAndIncrement();
        if (i < CAPACITY) {
            posted[i] = postedAt;
            delays[i] = nanos;
        }
    }

    /**
     * What was measured so far.
     *
     * @param maxMs the longest delay
     * @param fxOwnMaxMs the longest delay less the part of it the whole process was held up
     */
    public record Stalls(int samples, double maxMs, double p99Ms, double medianMs, double fxOwnMaxMs) {
        /** Whether the FX thread itself was kept from its queue longer than {@code goal}. */
        public boolean exceeds(Duration goal) {
            return fxOwnMaxMs * 1_000_000 > goal.toNanos();
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
        if (n == 0) {
            return new Stalls(0, 0, 0, 0, 0);
        }
        List<long[]> held;
        synchronized (pauses) {
            held = List.copyOf(pauses);
        }
        long own = 0;
        for (int i = 0; i < n; i++) {
            own = Math.max(own, delays[i] - overlap(posted[i], posted[i] + delays[i], held));
        }
        long[] sorted = Arrays.copyOf(delays, n);
        Arrays.sort(sorted);
        return new Stalls(
                n,
                sorted[n - 1] / 1e6,
                sorted[Math.max(0, (int) Math.ceil(0.99 * n) - 1)] / 1e6,
                sorted[n / 2] / 1e6,
                own / 1e6);
    }

    private static long overlap(long from, long to, List<long[]> held) {
        long covered = 0;
        for (long[] pause : held) {
            covered += Math.max(0, Math.min(to, pause[1]) - Math.max(from, pause[0]));
        }
        return Math.min(covered, to - from);
    }

    @Override
    public void close() {
        running.set(false);
        poster.interrupt();
        sleeper.interrupt();
    }
}
