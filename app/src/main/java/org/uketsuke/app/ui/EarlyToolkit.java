package org.uketsuke.app.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;

/**
 * The JavaFX toolkit started on a thread of its own as the first thing {@code main} does for a windowed command, so
 * the command line's parsing, the messages and the banner run beside it instead of before it (cold start,
 * docs/tuning.md, seventh round). What needs the toolkit afterwards ({@link TerminalApplication#launch}, the
 * {@link MaintenancePage}) waits for that start and sees its failure as it would have seen its own.
 */
public final class EarlyToolkit {

    private static final Object LOCK = new Object();

    /** Null until {@link #begin} is called; then done when the toolkit runs, or failed as its start failed. */
    private static CompletableFuture<Void> started;

    private EarlyToolkit() {}

    /** Starts the toolkit beside the caller; at most once per JVM. Glass properties must be set before. */
    public static void begin() {
        synchronized (LOCK) {
            if (started != null) {
                return;
            }
            CompletableFuture<Void> start = new CompletableFuture<>();
            started = start;
            Thread.ofPlatform().name("fx-startup").daemon().start(() -> {
                try {
                    Platform.startup(() -> {
                        StartTrace.mark("toolkit up (early)");
                        start.complete(null);
                    });
                } catch (RuntimeException e) {
                    // No display, no usable pipeline: kept for whoever opens a window, as if it had started it.
                    start.completeExceptionally(e);
                }
            });
        }
    }

    /**
     * Waits for a start {@link #begin} made; its failure is thrown here as the toolkit's own start throws it (a
     * toolkit whose start failed stays marked as initialised, so starting it again would wait forever).
     *
     * @return false when no early start was begun (the caller starts the toolkit itself)
     */
    static boolean await() {
        CompletableFuture<Void> start;
        synchronized (LOCK) {
            start = started;
        }
        if (start == null) {
            return false;
        }
        try {
            start.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the JavaFX toolkit started", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@link Platform#startup}, or on a toolkit started early, {@code action} on its FX thread once it runs. */
    static void startup(Runnable action) {
        if (await()) {
            Platform.runLater(action);
        } else {
            Platform.startup(action);
        }
    }
}
