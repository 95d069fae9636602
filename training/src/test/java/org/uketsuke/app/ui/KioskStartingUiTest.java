package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.training.DemoProfile;

/**
 * The cold start shows the kiosk before its terminal exists ({@link KioskWindows#showStarting}): it says it is
 * starting and offers nothing; a card put on the reader meanwhile is read by the terminal as it starts, and once the
 * terminal is attached the kiosk shows that visit — the card is neither lost nor mistaken for another.
 */
@ExtendWith(ApplicationExtension.class)
class KioskStartingUiTest {

    @TempDir
    static Path dataDir;

    private final Messages ja = new Messages(Messages.JAPANESE);
    private KioskWindows.Starting starting;
    private DemoProfile env;

    @Start
    void open(Stage kioskStage) {
        starting = KioskWindows.showStarting(kioskStage, ja);
    }

    @AfterEach
    void stopEnvironment() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void aCardPlacedWhileTheKioskStartsIsReadAndConfirmedOnceTheTerminalIsAttached(FxRobot robot) throws Exception {
        assertThat(text(robot, "#kioskTitle")).isEqualTo(ja.get("kiosk.starting.title"));
        assertThat(text(robot, "#kioskBody")).isEqualTo(ja.get("kiosk.starting.body"));
        assertThat(robot.lookup("#idlePicture").query().isVisible())
                .as("no picture inviting a card while none can be read")
                .isFalse();
        assertThat(robot.lookup("#pinPad").tryQuery())
                .as("the first frame holds the idle screen alone")
                .isEmpty();
        // Escape (the kiosk's cancel) on the starting screen: there is no visit yet, and nothing fails.
        robot.interact(() -> starting.kiosk().cancel());
        assertThat(starting.kiosk().startingProperty().get()).isTrue();

        env = DemoProfile.start(dataDir);
        env.demoCard().insert();
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> env.terminal().controller().current().state() != VisitState.IDLE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#kioskTitle"))
                .as("the windows know nothing of the terminal yet")
                .isEqualTo(ja.get("kiosk.starting.title"));

        robot.interact(() -> starting.attach(env.terminal(), new Stage(), env.controls(), env::demoCollationNumberB));

        DemoVisit.awaitVisible(robot, "#pinPad", 20);
        assertThat(starting.kiosk().startingProperty().get()).isFalse();
        assertThat(text(robot, "#pinTriesLeft")).isEqualTo("残り3回");
        for (char digit : env.demoPin().toCharArray()) {
            robot.clickOn("#pinKey" + digit);
        }
        robot.clickOn("#pinOk");
        DemoVisit.awaitVisible(robot, "#consentBox", 20);
        WaitForAsyncUtils.waitForFxEvents();
        DemoVisit.answerEveryConsent(robot, "no");
        DemoVisit.awaitResult(robot);
        Qualification expected = env.issuedCard().expected();
        assertThat(text(robot, "#resultInsurerNumber"))
                .isEqualTo(expected.card().insurer().value().strip());
        assertThat(text(robot, "#resultInsurerName")).isEqualTo(expected.insurerName());
    }

    /** The visit's screens join the kiosk after it is attached: a card placed right then still gets its PIN pad. */
    @Test
    void aCardPlacedRightAfterTheTerminalIsAttachedGetsItsPinPad(FxRobot robot) throws Exception {
        env = DemoProfile.start(dataDir);
        robot.interact(() -> {
            starting.attach(env.terminal(), new Stage(), env.controls(), env::demoCollationNumberB);
            env.demoCard().insert();
        });

        DemoVisit.awaitVisible(robot, "#pinPad", 20);
        assertThat(text(robot, "#pinTriesLeft")).isEqualTo("残り3回");
        robot.clickOn("#pinKey" + env.demoPin().charAt(0));
        assertThat(text(robot, "#pinDisplay")).isEqualTo("●");
        assertThat(robot.lookup("#consentBox").tryQuery())
                .as("every visit screen joined")
                .isPresent();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
