package org.uketsuke.app.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.uketsuke.app.reception.TerminalEnvironment;

/**
 * The JavaFX entry of {@code ./uketsuke kiosk --config FILE}: the production terminal is already built (off the FX
 * thread, by the command); this opens the kiosk full screen and the staff console on it.
 */
public final class TerminalApplication extends Application {

    private static volatile TerminalEnvironment environment;
    private static volatile Messages messages;
    private static volatile Path configFile;

    /** Blocks until the windows close; the environment is closed then. */
    public static void launch(TerminalEnvironment env, Messages language, Path config) {
        environment = env;
        messages = language;
        configFile = config;
        Application.launch(TerminalApplication.class);
    }

    @Override
    public void start(Stage kioskStage) {
        // No virtual card and no demo 照合番号B on a counter: the face check waits for a card-front reading.
        KioskWindows.open(environment, kioskStage, new Stage(), messages, null, () -> null);
        kioskStage.setFullScreenExitHint("");
        kioskStage.setFullScreen(true);
        kioskStage.setOnCloseRequest(e -> Platform.exit());
    }

    /** The configuration file the settings screen saves to. */
    public static Path configFile() {
        return configFile;
    }

    @Override
    public void stop() {
        environment.close();
    }
}
