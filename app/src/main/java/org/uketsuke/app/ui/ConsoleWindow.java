package org.uketsuke.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff console opens where staff left it (or, the first time, at a size that shows every column of its table)
 * and remembers its size and position: a second after staff stop moving or resizing it, written on a worker (no disk
 * I/O on the FX thread). Always placed on a screen that exists now.
 */
final class ConsoleWindow {

    private static final Logger log = LoggerFactory.getLogger(ConsoleWindow.class);

    private ConsoleWindow() {}

    static void place(Stage stage, Path settings, Executor writer) {
        WindowPlacement wanted = WindowPlacement.load(settings).orElse(WindowPlacement.CONSOLE_DEFAULT);
        Rectangle2D area =
                Screen.getScreensForRectangle(wanted.x(), wanted.y(), wanted.width(), wanted.height()).stream()
                        .findFirst()
                        .orElse(Screen.getPrimary())
                        .getVisualBounds();
        WindowPlacement placed = wanted.within(area.getMinX(), area.getMinY(), area.getWidth(), area.getHeight());
        stage.setX(placed.x());
        stage.setY(placed.y());
        stage.setWidth(placed.width());
        stage.setHeight(placed.height());
        PauseTransition settle = new PauseTransition(Duration.seconds(1));
        settle.setOnFinished(e -> {
            WindowPlacement now;
            try {
                now = new WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            } catch (IllegalArgumentException tooSmall) {
                return;
            }
            writer.execute(() -> save(now, settings));
        });
        ChangeListener<Number> moved = (o, was, is) -> settle.playFromStart();
        stage.xProperty().addListener(moved);
        stage.yProperty().addListener(moved);
        stage.widthProperty().addListener(moved);
        stage.heightProperty().addListener(moved);
    }

    private static void save(WindowPlacement placement, Path settings) {
        try {
            placement.save(settings);
        } catch (IOException e) {
            log.warn("staff console placement not saved: {}", e.toString());
        }
    }
}
