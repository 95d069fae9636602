package org.uketsuke.app.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.uketsuke.app.terminal.ScreenServices;

/**
 * The one JavaFX entry, for {@code ./uketsuke kiosk --config FILE} and the training package's {@code demo}: the
 * terminal is built off the FX thread while the toolkit starts and the kiosk window shows its starting screen; when
 * the terminal has started the kiosk becomes idle on it and the staff console opens; closing the windows closes the
 * terminal.
 */
public final class TerminalApplication extends Application {

    /**
     * What the windows open on.
     *
     * @param services what the screens use of the terminal
     * @param terminal closed when the windows close
     * @param demo the virtual card's buttons on the staff console, or null on a real reader
     * @param collationNumberB 照合番号B for the face check where it does not come off the card front (the virtual
     *     card's), or a supplier of null
     * @param setUp the profile's last touches (settings tab, full screen, e-prescription choice), on the FX thread
     */
    public record Session(
            ScreenServices services,
            AutoCloseable terminal,
            StaffView.DemoControls demo,
            Supplier<String> collationNumberB,
            BiConsumer<KioskWindows, Stage> setUp) {}

    private static volatile Future<Session> starting;
    private static volatile Messages startMessages;
    private Session session;

    /**
     * Blocks until the windows close. A terminal that cannot start is reported on stderr (its message says what) and
     * the application exits.
     *
     * @param messages the windows' language at start (the kiosk's starting screen shows before the terminal exists)
     */
    public static void launch(Messages messages, Callable<Session> start) {
        // The terminal and the toolkit do not need each other until the windows open: each start takes a good part of
        // the cold start, so they run side by side (docs/tuning.md).
        StartTrace.mark("launch");
        FutureTask<Session> task = new FutureTask<>(start);
        starting = task;
        startMessages = messages;
        Thread.ofPlatform().name("uketsuke-start").start(task);
        try {
            // A toolkit main started early (EarlyToolkit) must be up first: its failure is the launch's failure.
            EarlyToolkit.await();
            Application.launch(TerminalApplication.class);
        } catch (RuntimeException e) {
            closeWhenStarted(task); // no display: what the terminal opened must not keep the JVM alive
            throw e;
        }
    }

    private static void closeWhenStarted(Future<Session> task) {
        try {
            task.get().terminal().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception notStarted) {
            // It did not start, or closing failed as the JVM goes down: nothing more to do.
        }
    }

    @Override
    public void start(Stage kioskStage) {
        StartTrace.mark("toolkit started");
        // The kiosk's font faces open on a thread of their own while this thread loads the theme and builds the kiosk's
        // views: its first style pass then finds them open (docs/tuning.md, eighth round).
        Theme.warmFonts();
        // The kiosk's views and the window's first style, layout and drawing pass (the largest part of the FX thread's
        // start) run now, beside the terminal's start, not after it (docs/tuning.md). Ready is still the idle kiosk on
        // a started terminal: the starting screen offers nothing and says the kiosk is getting ready.
        kioskStage.setOnCloseRequest(e -> Platform.exit());
        KioskWindows.Starting shown = KioskWindows.showStarting(kioskStage, startMessages);
        StartTrace.mark("kiosk shown starting");
        Thread.ofPlatform().name("uketsuke-windows").start(() -> {
            Session started;
            try {
                started = starting.get();
            } catch (ExecutionException e) {
                System.err.println("uketsuke: " + e.getCause().getMessage());
                Platform.exit();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Platform.exit();
                return;
            }
            Platform.runLater(() -> {
                session = started;
                KioskWindows windows =
                        shown.attach(started.services(), new Stage(), started.demo(), started.collationNumberB());
                StartTrace.mark("windows built");
                started.setUp().accept(windows, kioskStage);
                // After the set-up's own tasks (the demo's "ready" among them): the CPU each thread spent on the start.
                Platform.runLater(StartTrace::threads);
            });
        });
    }

    @Override
    public void stop() throws Exception {
        if (session != null) {
            session.terminal().close();
        } else {
            closeWhenStarted(starting); // closed while still starting: the terminal must not outlive the windows
        }
    }
}
