package org.uketsuke.app.ui;

import java.awt.AWTException;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * The child process of {@link UnmanagedScreenScaleTest}: the kiosk's stage placed as the product places it (the UI
 * scale fixed before the toolkit starts, the screen covered by explicit bounds, then full screen) on an X server with
 * no window manager, a button on it, and clicks sent by the X server's XTEST extension at physical pixels — as a touch
 * screen's driver delivers them. Prints what the parent asserts: how many physical pixels the stage covers and whether
 * each click hit the button.
 */
public final class UnmanagedKioskProbe {

    private UnmanagedKioskProbe() {}

    public static void main(String[] args) throws InterruptedException, AWTException {
        double scale = Double.parseDouble(args[0]);
        KioskWindows.fixUiScale(scale);
        CountDownLatch shown = new CountDownLatch(1);
        CountDownLatch[] hit = {new CountDownLatch(1)};
        Stage[] stage = new Stage[1];
        Button[] button = new Button[1];
        Platform.startup(() -> {
            Button ok = new Button("OK");
            ok.setMinSize(240, 120);
            ok.setMaxSize(240, 120);
            ok.setOnAction(e -> hit[0].countDown());
            Pane root = new Pane(ok);
            ok.relocate(200, 150);
            Stage kiosk = new Stage(StageStyle.UNDECORATED);
            kiosk.setScene(new Scene(root));
            KioskWindows.coverScreen(
                    kiosk,
                    ScreenLayout.place(KioskWindows.screens(), ScreenLayout.Screens.ONE)
                            .kiosk());
            kiosk.setOnShown(e -> shown.countDown());
            kiosk.show();
            stage[0] = kiosk;
            button[0] = ok;
        });
        if (!shown.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the stage was not shown");
        }
        double[] at = onFx(() -> {
            Bounds b = button[0].localToScreen(button[0].getBoundsInLocal());
            return new double[] {b.getCenterX(), b.getCenterY(), stage[0].getWidth(), stage[0].getHeight()};
        });
        System.out.printf("COVERS %d %d%n", Math.round(at[2] * scale), Math.round(at[3] * scale));
        Robot robot = new Robot();
        // Where a toolkit that ignored its scale would have the button: the bug this guards against.
        if (scale != 1) {
            System.out.println("UNSCALED " + click(robot, at[0], at[1], hit[0]));
            hit[0] = new CountDownLatch(1);
        }
        System.out.println("SCALED " + click(robot, at[0] * scale, at[1] * scale, hit[0]));
        Platform.exit();
        System.exit(0);
    }

    private static String click(Robot robot, double x, double y, CountDownLatch hit) throws InterruptedException {
        robot.mouseMove((int) Math.round(x), (int) Math.round(y));
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        return hit.await(2, TimeUnit.SECONDS) ? "hit" : "miss";
    }

    private static double[] onFx(Supplier<double[]> work) throws InterruptedException {
        double[][] result = new double[1][];
        CountDownLatch done = new CountDownLatch(1);
        // Two pulses after showing: the full-screen bounds and the layout have settled.
        Platform.runLater(() -> Platform.runLater(() -> {
            result[0] = work.get();
            done.countDown();
        }));
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not answer");
        }
        return result[0];
    }
}
