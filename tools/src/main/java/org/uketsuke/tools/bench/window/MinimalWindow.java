package org.uketsuke.tools.bench.window;

import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The cold-start floor (issue #23): the least a JavaFX window costs on this machine with the same JDK and flags as the
 * app. Prints {@code ready MS} (JVM start → first pulse after the window is shown), as {@code demo --exit-when-ready},
 * then {@code cpu MS}, the process's CPU by then.
 */
public final class MinimalWindow {

    private MinimalWindow() {}

    /** Not the Application itself: the java launcher refuses an Application main class with JavaFX on the class path. */
    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new Label("受付"), 640, 480));
            stage.show();
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
    }
}
