package org.uketsuke.app.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every thread, connection and device a terminal opens, and closes them in reverse order of opening: what was
 * started last (the card slot's events, the controller) stops first, the stores it wrote to stop last. Actions added
 * with {@link #onClose} (screens stopping their timers) run before any resource closes. A failing close is logged and
 * the rest still close.
 */
public final class Closer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Closer.class);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Runnable> first = new ArrayList<>();
    private boolean closed;

    /** Registers {@code resource} to be closed; returns it, so opening and registering are one expression. */
    public synchronized <T extends AutoCloseable> T open(T resource) {
        if (closed) {
            throw new IllegalStateException("the terminal is closed");
        }
        opened.add(resource);
        return resource;
    }

    /** A single-thread worker named {@code name} (daemon), shut down with the rest. */
    public ExecutorService worker(String name) {
        ExecutorService worker = Executors.newSingleThreadExecutor(
                runnable -> Thread.ofPlatform().name(name).daemon().unstarted(runnable));
        open(() -> {
            worker.shutdownNow();
            worker.awaitTermination(2, TimeUnit.SECONDS);
        });
        return worker;
    }

    /** Runs {@code action} when closing, before any resource closes. */
    public synchronized void onClose(Runnable action) {
        first.add(action);
    }

    @Override
    public void close() {
        List<Runnable> actions;
        List<AutoCloseable> resources;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            actions = List.copyOf(first);
            resources = List.copyOf(opened).reversed();
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.debug("on-close action", e);
            }
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("closing {}: {}", resource, e.toString());
            }
        }
    }
}
