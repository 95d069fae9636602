package org.uketsuke.app.reception;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Transition;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitFlow;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;

/**
 * Runs the {@link VisitFlow}: events from any thread are applied in order, the commands a transition asks for run
 * on one device worker (card and backend I/O never touch the UI thread), and each new snapshot goes to the
 * listeners. Answers from a visit that has already ended are dropped, so the next patient never sees them.
 */
public final class VisitController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VisitController.class);

    private final VisitFlow flow = new VisitFlow();
    private final VisitSteps steps;
    private final Map<VisitState, Duration> timeouts;
    private final List<Consumer<VisitSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("uketsuke-device"));
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("uketsuke-timer"));

    private long visit;
    private long transitions;
    private ScheduledFuture<?> pendingTimeout;

    /**
     * @param timeouts how long each waiting state lasts before it times out; states not named never time out
     */
    public VisitController(VisitSteps steps, Map<VisitState, Duration> timeouts) {
        this.steps = steps;
        this.timeouts = Map.copyOf(timeouts);
    }

    public static Map<VisitState, Duration> defaultTimeouts() {
        return Map.of(
                VisitState.AWAITING_PIN, Duration.ofSeconds(90),
                VisitState.ASKING_CONSENTS, Duration.ofSeconds(120),
                VisitState.OFFERING_REGISTRATION, Duration.ofSeconds(90),
                VisitState.SHOWING_RESULT, Duration.ofSeconds(60),
                VisitState.SHOWING_PROBLEM, Duration.ofSeconds(30),
                VisitState.CAPTURING_CARD_FRONT, Duration.ofSeconds(90),
                VisitState.ENTERING_COLLATION_NUMBER, Duration.ofSeconds(120),
                VisitState.FACE_PATH_FAILED, Duration.ofSeconds(90));
    }

    public void addListener(Consumer<VisitSnapshot> listener) {
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
            log.debug("{} ignored in {}", event, before.state());
            return;
        }
        log.info("{} : {} -> {}", event, before.state(), next.state());
        transitions++;
        for (VisitCommand command : transition.commands()) {
            if (command instanceof VisitCommand.EndVisit) {
                visit++;
            }
            submit(command, visit);
        }
        armTimeout(next.state(), transitions);
        // Notified under the lock so every listener sees the snapshots in order; listeners only hand off.
        listeners.forEach(listener -> listener.accept(next));
    }

    private void submit(VisitCommand command, long forVisit) {
        worker.execute(() -> {
            VisitEvent answer = steps.run(command);
            if (answer == null) {
                return;
            }
            synchronized (this) {
                if (forVisit != visit) {
                    log.info("dropping {} from an ended visit", answer);
                    return;
                }
                fire(answer);
            }
        });
    }

    private void armTimeout(VisitState state, long forTransition) {
        if (pendingTimeout != null) {
            pendingTimeout.cancel(false);
            pendingTimeout = null;
        }
        Duration after = timeouts.get(state);
        if (after == null) {
            return;
        }
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> Thread.ofPlatform().name(name).daemon().unstarted(runnable);
    }
}
