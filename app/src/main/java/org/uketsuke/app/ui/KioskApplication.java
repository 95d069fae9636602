package org.uketsuke.app.ui;

import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.uketsuke.app.demo.DemoEnvironment;
import org.uketsuke.app.demo.ReaderMode;

/** The JavaFX entry of {@code ./uketsuke demo}: the environment starts off the FX thread, then both windows open. */
public final class KioskApplication extends Application {

    /** Whether the clinic issues e-prescriptions (the kiosk then asks electronic or paper); default on in the demo. */
    public static final String E_PRESCRIPTION_PROPERTY = "uketsuke.ePrescription";

    private static volatile Path dataDir;
    private static volatile Locale locale = Messages.JAPANESE;
    private static volatile ReaderMode mode = ReaderMode.VIRTUAL;
    private static volatile boolean exitWhenReady;
    private DemoEnvironment env;

    private static volatile org.uketsuke.bridge.store.PostgresTarget postgres;

    public static void launch(Path dataDirectory, ReaderMode readerMode, Locale language, boolean exitOnceReady) {
        launch(dataDirectory, readerMode, language, exitOnceReady, null);
    }

    /** @param sharedStore a PostgreSQL レセコン store to feed besides the local sinks, or null */
    public static void launch(Path dataDirectory, ReaderMode readerMode, Locale language, boolean exitOnceReady,
            org.uketsuke.bridge.store.PostgresTarget sharedStore) {
        postgres = sharedStore;
        dataDir = dataDirectory;
        mode = readerMode;
        exitWhenReady = exitOnceReady;
        locale = language;
        Application.launch(KioskApplication.class);
    }

    @Override
    public void start(Stage kioskStage) {
        Thread.ofPlatform().name("uketsuke-start").start(() -> {
            DemoEnvironment started;
            try {
                started = DemoEnvironment.start(dataDir, mode, postgres);
            } catch (RuntimeException e) {
                System.err.println("uketsuke: the demo could not start: " + e.getMessage());
                Platform.exit();
                return;
            }
            Platform.runLater(() -> {
                env = started;
                KioskWindows windows = KioskWindows.open(started, kioskStage, new Stage(), new Messages(locale));
                // E-prescriptions are on in the demo: the consent screen also asks the prescription form (#14).
                windows.kiosk().prescriptionChoiceEnabledProperty().set(
                        Boolean.parseBoolean(System.getProperty(E_PRESCRIPTION_PROPERTY, "true")));
                kioskStage.setOnCloseRequest(e -> Platform.exit());
                if (exitWhenReady) {
                    // After the first pulse the idle screen is on the glass.
                    Platform.runLater(() -> {
                        long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                        System.out.println("ready " + ms);
                        System.out.flush();
                        Platform.exit();
                    });
                }
            });
        });
    }

    @Override
    public void stop() {
        if (env != null) {
            env.close();
        }
    }
}
