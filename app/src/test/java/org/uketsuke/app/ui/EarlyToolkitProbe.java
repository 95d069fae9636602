package org.uketsuke.app.ui;

import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Window;

/**
 * The child process of {@link EarlyToolkitTest} (the toolkit starts once per JVM): the toolkit started early as
 * {@code main} starts it, then what opens a window afterwards. {@code page}: the maintenance page opens on it and
 * prints what it shows. {@code launch}: the terminal application's launch on a toolkit whose early start failed
 * (no display) ends with that failure instead of waiting for a toolkit that never runs.
 */
public final class EarlyToolkitProbe {

    private EarlyToolkitProbe() {}

    public static void main(String[] args) {
        EarlyToolkit.begin();
        switch (args[0]) {
            case "page" -> {
                EarlyToolkit.await();
                Platform.runLater(() -> Window.getWindows().addListener((ListChangeListener<Window>) change -> {
                    while (change.next()) {
                        for (Window window : change.getAddedSubList()) {
                            System.out.println(
                                    "SHOWN " + window.getScene().getRoot().getStyleClass());
                        }
                    }
                }));
                MaintenancePage.show(List.of("a problem"), "uketsuke.conf", "a log line", Duration.ofMillis(300));
                System.out.println("PAGE CLOSED");
            }
            case "launch" -> {
                try {
                    TerminalApplication.launch(new Messages(Messages.ENGLISH), () -> {
                        throw new IllegalStateException("no terminal in this probe");
                    });
                    System.out.println("LAUNCHED");
                } catch (RuntimeException e) {
                    System.out.println("FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }
}
