package org.uketsuke.app.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.uketsuke.app.production.ProductionEnvironment;
import org.uketsuke.app.production.TerminalDiagnostics;

/**
 * The JavaFX entry of {@code ./uketsuke kiosk --config FILE}: the production terminal is already built (off the FX
 * thread, by the command); this opens the kiosk full screen and the staff console on it.
 */
public final class TerminalApplication extends Application {

    private static volatile ProductionEnvironment environment;
    private static volatile Messages messages;
    private static volatile Path configFile;

    /** The settings screen's checks (reader, camera, certificate, connection) and its save run here. */
    private static final java.util.concurrent.Executor SETTINGS_WORKER = java.util.concurrent.Executors
            .newSingleThreadExecutor(runnable -> Thread.ofPlatform().name("staff-settings").daemon().unstarted(runnable));

    /** Blocks until the windows close; the environment is closed then. */
    public static void launch(ProductionEnvironment env, Messages language, Path config) {
        environment = env;
        messages = language;
        configFile = config;
        Application.launch(TerminalApplication.class);
    }

    @Override
    public void start(Stage kioskStage) {
        // No virtual card and no demo 照合番号B on a counter: the face check waits for a card-front reading.
        KioskWindows windows = KioskWindows.open(environment, kioskStage, new Stage(), messages, null, () -> null);
        // The face check needs a camera and 照合番号B off the card front (Tesseract); without them it is not offered.
        var checks = environment.config().kiosk().identityChecks();
        windows.kiosk().offer(environment.cardFrontCapture() != null
                && checks.contains(org.uketsuke.app.config.UketsukeConfig.IdentityCheck.FACE),
                checks.contains(org.uketsuke.app.config.UketsukeConfig.IdentityCheck.VISUAL));
        windows.staff().addTab(SettingsView.tab(new SettingsViewModel(configFile, environment.config(),
                TerminalDiagnostics.system(), SETTINGS_WORKER, Platform::runLater, messages), messages));
        // 電子処方箋: the consent screen also asks electronic or paper where the clinic issues e-prescriptions.
        windows.kiosk().prescriptionChoiceEnabledProperty().set(environment.config().kiosk().ePrescription());
        kioskStage.setFullScreenExitHint("");
        kioskStage.setFullScreen(true);
        kioskStage.setOnCloseRequest(e -> Platform.exit());
    }

    @Override
    public void stop() {
        environment.close();
    }
}
