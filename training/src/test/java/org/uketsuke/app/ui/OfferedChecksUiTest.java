package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

/** The PIN screen offers only the identity checks the terminal offers (kiosk.identity_checks). */
@ExtendWith(ApplicationExtension.class)
class OfferedChecksUiTest {

    @TempDir
    static Path dataDir;

    private DemoProfile env;
    private KioskWindows windows;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.start(dataDir);
        windows = env.openWindows(kioskStage, new Stage(), new Messages(Messages.JAPANESE));
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
    void checksThatAreNotOfferedAreNotOnThePinScreen(FxRobot robot) throws Exception {
        robot.interact(() -> windows.kiosk().offer(false, true));
        robot.clickOn("#placeCard");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#pinPad").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#chooseFace").query().isVisible()).isFalse();
        assertThat(robot.lookup("#requestVisual").query().isVisible()).isTrue();
        robot.interact(() -> windows.kiosk().offer(true, false));
        assertThat(robot.lookup("#chooseFace").query().isVisible()).isTrue();
        assertThat(robot.lookup("#requestVisual").query().isVisible()).isFalse();
        robot.clickOn("#removeCard");
    }
}
