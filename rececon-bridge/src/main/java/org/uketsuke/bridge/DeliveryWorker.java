package org.uketsuke.bridge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps draining the outbox in the background: right after {@link #wake()}, and while entries stay pending, again
 * with exponential backoff (so a レセコン share that went away is retried without hammering it). One thread.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final RececonBridge bridge;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Thread thread;
    private boolean wakeRequested = true;
    private volatile boolean running = true;

    public DeliveryWorker(RececonBridge bridge, Duration firstDelay, Duration maxDelay) {
        this.bridge = bridge;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.thread = Thread.ofPlatform().name("rececon-delivery").daemon().unstarted(this::loop);
    }

    public DeliveryWorker start() {
        thread.start();
        return this;
    }

    /** New work: drain now. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Duration delay = firstDelay;
        while (running) {
            boolean pending;
            try {
                bridge.drain();
                pending = bridge.hasPending();
            } catch (RuntimeException e) {
                log.warn("outbox drain failed: {}", e.toString());
                pending = true;
            }
            delay = pending ? min(delay.multipliedBy(2), maxDelay) : firstDelay;
            lock.lock();
            try {
                if (!wakeRequested && running) {
                    if (pending) {
                        woken.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                    } else {
                        woken.await();
                    }
                }
                wakeRequested = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
