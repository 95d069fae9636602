package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.training.DemoProfile;

/**
 * The mismatch persona: the card front reads and 照合番号B opens the chip photo, but the photo shows someone else than
 * the recorded camera face — the kiosk says so and offers the PIN or the staff's visual check.
 */
@ExtendWith(ApplicationExtension.class)
class FaceMismatchUiTest {

    @TempDir
    static Path dataDir;

    private DemoProfile env;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.startMismatchPersona(dataDir);
        env.openWindows(kioskStage, new Stage(), new Messages(Messages.JAPANESE));
    }

    /** The staff console opens behind its sign-in: the demo receptionist signs in first. */
    @BeforeEach
    void signIn(FxRobot robot) throws Exception {
        DemoSignIn.receptionist(robot);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    @Test
    void someoneElsesCardOffersThePinOrTheStaffsCheck(FxRobot robot) throws Exception {
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        robot.clickOn("#chooseFace");
        Messages ja = new Messages(Messages.JAPANESE);
        // The card front is read, 照合番号B opens the photo, then the face does not match it.
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> ja.get("state.FACE_PATH_FAILED.title").equals(text(robot, "#kioskTitle")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#facePathPin").query().isVisible()).isTrue();
        assertThat(text(robot, "#kioskProblem")).isEqualTo(ja.get("problem.FACE_NOT_MATCHED"));
        assertThat(robot.lookup("#facePathStaff").query().isVisible()).isTrue();
        // The screen for docs/screenshots, in both languages (the tour's single demo patient never sees it).
        Path out = Files.createDirectories(Path.of("target", "screenshots"));
        Scene scene = robot.lookup("#kioskTitle").query().getScene();
        ScreenshotTourTest.save(robot, scene, out.resolve("ja-kiosk-face-not-matched.png"));
        robot.clickOn("#languageToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#kioskProblem"))
                .isEqualTo(new Messages(Messages.ENGLISH).get("problem.FACE_NOT_MATCHED"));
        ScreenshotTourTest.save(robot, scene, out.resolve("en-kiosk-face-not-matched.png"));
        robot.clickOn("#languageToggle");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#facePathStaff");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> ja.get("state.AWAITING_STAFF_CHECK.title").equals(text(robot, "#kioskTitle")));
    }

    private static void waitUntilVisible(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> {
            Node node = robot.lookup(query).tryQuery().orElse(null);
            return node != null && node.isVisible() && node.getScene() != null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
