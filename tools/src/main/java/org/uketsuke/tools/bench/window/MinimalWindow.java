package org.uketsuke.tools.bench.window;

import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.uketsuke.app.ui.Theme;

/**
 * The cold-start floor (issue #23): the least a JavaFX window costs on this machine with the same JDK and flags as the
 * app. Prints {@code ready MS} (JVM start → first pulse after the window is shown), as {@code demo --exit-when-ready},
 * then {@code cpu MS}, the process's CPU by then. With {@code themed}: the least the app's two windows cost in its
 * look — a label in each, under the app's {@link Theme} (AtlantaFX's Primer Light and kiosk.css, its fonts opened
 * beside the first style pass as the app does), nothing else.
 */
public final class MinimalWindow {

    private MinimalWindow() {}

    /** Not the Application itself: the java launcher refuses an Application main class with JavaFX on the class path. */
    public static void main(String[] args) {
        Application.launch(args.length > 0 && args[0].equals("themed") ? Themed.class : Window.class, args);
    }

    private static void readyThenExit() {
        Platform.runLater(() -> {
            System.out.println("ready "
                    + (System.currentTimeMillis()
                            - ManagementFactory.getRuntimeMXBean().getStartTime()));
            // The process's CPU to here, for the bench's traced rows (read after the time above is taken).
            ProcessHandle.current()
                    .info()
                    .totalCpuDuration()
                    .ifPresent(cpu -> System.out.println("cpu " + cpu.toMillis()));
            System.out.flush();
            Platform.exit();
        });
    }

    /** The window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new Label("受付"), 640, 480));
            stage.show();
            readyThenExit();
        }
    }

    /** Two windows of the kiosk's size in the app's look. */
    public static final class Themed extends Application {
        @Override
        public void start(Stage kiosk) {
            Theme.warmFonts();
            Theme.useBase();
            kiosk.setScene(Theme.apply(new Scene(new Label("受付 カードを置いてください"), 1024, 768)));
            kiosk.show();
            Stage staff = new Stage();
            staff.setScene(Theme.apply(new Scene(new Label("受付 スタッフ Staff"), 1024, 768)));
            staff.show();
            readyThenExit();
        }
    }
}
