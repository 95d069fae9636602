package org.uketsuke.app.ui;

import java.util.concurrent.CountDownLatch;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The child process of {@link ThemeTest} (JavaFX picks its default theme once per JVM, when the first control class
 * initialises; the test reads the JVM's class-initialisation log): {@code kiosk} shows the kiosk on its starting screen
 * as the cold start shows it, its fonts opened beside it ({@code FONTS OPEN} once that thread has ended); {@code
 * control-first} builds a control before it.
 */
public final class ThemeProbe {

    private ThemeProbe() {}

    public static void main(String[] args) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                if (args[0].equals("control-first")) {
                    new Label("built before the theme");
                }
                Thread fonts = Theme.warmFonts();
                KioskWindows.showStarting(new Stage(), new Messages(Messages.ENGLISH));
                fonts.join(30_000);
                System.out.println(fonts.isAlive() ? "FONTS STILL OPENING" : "FONTS OPEN");
                System.out.println("THEME " + Application.getUserAgentStylesheet());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
    }
}
