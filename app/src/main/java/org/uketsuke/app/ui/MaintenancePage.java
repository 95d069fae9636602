package org.uketsuke.app.ui;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The full-screen page a kiosk shows when it cannot start: for the patient, that the terminal is under maintenance
 * and to ask at the counter; for staff, what is wrong (the same lines as the log, ja and en), how to check the fix and
 * where the log line is. It replaces a black screen and a message on a terminal nobody reads.
 */
public final class MaintenancePage {

    private MaintenancePage() {}

    /** A screen to draw on: Windows always, X11 or Wayland when the session set one. */
    public static boolean displayAvailable(UnaryOperator<String> environment) {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return true;
        }
        return environment.apply("DISPLAY") != null || environment.apply("WAYLAND_DISPLAY") != null;
    }

    /** The page's content: title and patient line in both languages, then the staff's part and the problem lines. */
    public static Parent content(List<String> problems, String config, String logReference) {
        VBox page = new VBox(16);
        page.setPadding(new Insets(48));
        page.getStyleClass().add("maintenance-page");
        for (Locale language : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            Messages messages = new Messages(language);
            Label title = new Label(messages.get("maintenance.title"));
            title.setStyle("-fx-font-size: 32px; -fx-font-weight: bold;");
            page.getChildren().addAll(title, new Label(messages.get("maintenance.patient")));
        }
        for (Locale language : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            Messages messages = new Messages(language);
            Label staff = new Label(messages.get("maintenance.staff", config));
            staff.setWrapText(true);
            page.getChildren().addAll(staff, new Label(messages.get("maintenance.log", logReference)));
        }
        for (String problem : problems) {
            Label line = new Label(problem);
            line.setWrapText(true);
            line.getStyleClass().add("maintenance-problem");
            page.getChildren().add(line);
        }
        return page;
    }

    /** Shows the page full screen for {@code howLong}, then closes it; blocks the calling (non-FX) thread meanwhile. */
    public static void show(List<String> problems, String config, String logReference, Duration howLong) {
        CountDownLatch shown = new CountDownLatch(1);
        // The toolkit may have been started early by main (EarlyToolkit): the page then opens on it.
        EarlyToolkit.startup(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(content(problems, config, logReference), 1280, 800));
            stage.setFullScreenExitHint("");
            stage.setFullScreen(true);
            stage.show();
            shown.countDown();
        });
        try {
            shown.await();
            TimeUnit.MILLISECONDS.sleep(howLong.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Platform.exit();
        }
    }
}
