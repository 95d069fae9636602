package org.uketsuke.app.ui;

import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.uketsuke.app.terminal.ScreenServices;

/**
 * The one JavaFX entry, for {@code ./uketsuke kiosk --config FILE} and the training package's {@code demo}: the
 * terminal is built off the FX thread, then the kiosk and the staff console open on it; closing the windows closes
 * the terminal.
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
            Messages messages,
            StaffView.DemoControls demo,
            Supplier<String> collationNumberB,
            BiConsumer<KioskWindows, Stage> setUp) {}

    private static volatile Callable<Session> starter;
    private Session session;

    /**
     * Blocks until the windows close. A terminal that cannot start is reported on stderr (its message says what) and
     * the application exits.
     */
    public static void launch(Callable<Session> start) {
        starter = start;
        Application.launch(TerminalApplication.class);
    }

    @Override
    public void start(Stage kioskStage) {
        Thread.ofPlatform().name("uketsuke-start").start(() -> {
            Session started;
            try {
                started = starter.call();
            } catch (Exception e) {
                System.err.println("uketsuke: " + e.getMessage());
                Platform.exit();
                return;
            }
            Platform.runLater(() -> {
                session = started;
                KioskWindows windows = KioskWindows.open(
                        started.services(),
                        kioskStage,
                        new Stage(),
                        started.messages(),
                        started.demo(),
                        started.collationNumberB());
                kioskStage.setOnCloseRequest(e -> Platform.exit());
                started.setUp().accept(windows, kioskStage);
            });
        });
    }

    @Override
    public void stop() throws Exception {
        if (session != null) {
            session.terminal().close();
        }
    }
}
