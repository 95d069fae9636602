package org.uketsuke.app.reception;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Transition;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitFlow;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitTimeouts;

/**
 * Runs the {@link VisitFlow}: events from any thread are applied in order, the commands a transition asks for run
 * on one device worker (card and backend I/O never touch the UI thread), the card-front camera on its own thread, and
 * each new snapshot goes to the listeners; each waiting state times out as the flow's table says. Answers from a visit that has already ended are dropped, so the next patient never sees them.
 */
public final class VisitController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VisitController.class);

    private final VisitFlow flow;
    private final VisitSteps steps;
    private final Optional<CardFrontCapture> cardFront;
    private final List<Consumer<VisitSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("uketsuke-device"));
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("uketsuke-timer"));

    private long visit;
    private long transitions;
    private ScheduledFuture<?> pendingTimeout;

    /**
     * @param timeouts changes to the timeouts of the flow's table (the terminal's configured idle time)
     * @param cardFront the card-front capture of the face path, where the terminal has one
     */
    public VisitController(VisitSteps steps, VisitTimeouts timeouts, Optional<CardFrontCapture> cardFront) {
        this.flow = new VisitFlow(timeouts);
        this.steps = steps;
        this.cardFront = cardFront;
    }

    /** A kiosk without the card-front capture, on the table's timeouts. */
    public VisitController(VisitSteps steps) {
        this(steps, VisitTimeouts.AS_IN_TABLE, Optional.empty());
    }

    public void addListener(Consumer<VisitSnapshot> listener) {
        listeners.add(listener);
    }

    /**
     * Adds a listener and hands it the current snapshot first, atomically with the transitions: a screen opened after
     * the terminal started (a card already on the reader began a visit) shows where the visit is, not the welcome.
     */
    public synchronized void follow(Consumer<VisitSnapshot> listener) {
        listener.accept(flow.current());
        listeners.add(listener);
    }

    public synchronized VisitSnapshot current() {
        return flow.current();
    }

    /** Applies an event from the patient, the card slot or the clock. */
    public synchronized void fire(VisitEvent event) {
        VisitSnapshot before = flow.current();
        Transition transition = flow.on(event);
        VisitSnapshot next = transition.next();
        if (next.equals(before) && transition.commands().isEmpty()) {
            log.debug("{} ignored in {}", kind(event), before.state());
            return;
        }
        log.info("{} : {} -> {}", kind(event), before.state(), next.state());
        transitions++;
        for (VisitCommand command : transition.commands()) {
            if (command instanceof VisitCommand.EndVisit) {
                visit++;
            }
            switch (command) {
                case VisitCommand.Step step -> submit(step, visit);
                case VisitCommand.Camera camera -> cardFront(camera, visit);
            }
        }
        armTimeout(flow.timeout(), transitions);
        // Notified under the lock so every listener sees the snapshots in order; listeners only hand off.
        listeners.forEach(listener -> listener.accept(next));
    }

    /** Only the event's kind goes to the log: its values may be the patient's (a confirmation carries name and card). */
    private static String kind(VisitEvent event) {
        return event.getClass().getSimpleName();
    }

    private void submit(VisitCommand.Step command, long forVisit) {
        worker.execute(() -> steps.run(command).ifPresent(answer -> answer(answer, forVisit)));
    }

    /** The capture runs beside the device worker, which stays free for the card; it answers like a step. */
    private void cardFront(VisitCommand.Camera command, long forVisit) {
        switch (command) {
            case VisitCommand.StartCardFrontCapture _ ->
                cardFront.ifPresent(capture -> capture.start(answer -> answer(answer, forVisit)));
            case VisitCommand.StopCardFrontCapture _ -> cardFront.ifPresent(CardFrontCapture::stop);
        }
    }

    private synchronized void answer(VisitEvent answer, long forVisit) {
        if (forVisit != visit) {
            log.info("dropping {} from an ended visit", kind(answer));
            return;
        }
        fire(answer);
    }

    private void armTimeout(Optional<Duration> timeout, long forTransition) {
        if (pendingTimeout != null) {
            pendingTimeout.cancel(false);
            pendingTimeout = null;
        }
        if (timeout.isEmpty()) {
            return;
        }
        Duration after = timeout.get();
        pendingTimeout = clock.schedule(
                () -> {
                    synchronized (this) {
                        if (forTransition == transitions) {
                            fire(new VisitEvent.TimedOut());
                        }
                    }
                },
                after.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        cardFront.ifPresent(CardFrontCapture::stop);
        clock.shutdownNow();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        steps.run(new VisitCommand.EndVisit());
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> Thread.ofPlatform().name(name).daemon().unstarted(runnable);
    }
}
