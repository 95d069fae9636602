package org.uketsuke.app.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;

/**
 * A staff form's one job at a time: the work runs on the worker, never the FX thread; its answer is applied on the FX
 * thread, and the form's {@code busy} is true from the start until the answer is applied.
 */
final class BackgroundJob {

    private final BooleanProperty busy;
    private final Executor worker;
    private final Executor fx;

    BackgroundJob(BooleanProperty busy, Executor worker, Executor fx) {
        this.busy = busy;
        this.worker = worker;
        this.fx = fx;
    }

    /** Starts the work unless one is running (then false); called on the FX thread. */
    <T> boolean start(Supplier<T> work, Consumer<T> apply) {
        if (busy.get()) {
            return false;
        }
        busy.set(true);
        worker.execute(() -> {
            T answer = work.get();
            fx.execute(() -> {
                busy.set(false);
                apply.accept(answer);
            });
        });
        return true;
    }
}
