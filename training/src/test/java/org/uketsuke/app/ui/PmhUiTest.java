package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.training.DemoProfile;
import org.uketsuke.training.ReaderMode;

/**
 * PMH 医療費助成 in real windows (docs/spec-notes/pmh.md): where the clinic takes part, the consent screen asks
 * 「医療費助成の各種受給者証を利用しますか」 and "next" waits for the answer; a recipient in a connected municipality sees
 * the subsidy on the result screen and the staff row shows its numbers; one whose municipality is not connected is
 * asked for the paper 受給者証, on both screens. Saves the screens to {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class PmhUiTest {

    @TempDir
    static Path dataDir;

    private Stage kioskStage;
    private DemoProfile env;

    @Start
    void open(Stage stage) {
        kioskStage = stage;
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    /**
     * One flow (the cost of a demo start is paid once): the recipient in the connected municipality. The paper case's
     * texts are checked in SubsidyTextsTest and the mock's answer in MedicalSubsidyAnswerTest; its screenshots
     * (en-*-pmh.png) were taken with person 16.
     */
    @Test
    void theSubsidyQuestionAndTheSubsidyOnBothScreens(FxRobot robot) throws Exception {
        String language = "ja";
        Messages m = new Messages(Locale.of(language));
        env = DemoProfile.startForPerson(dataDir, ReaderMode.VIRTUAL, null, 5);
        Stage[] staffStage = new Stage[1];
        robot.interact(() -> {
            staffStage[0] = new Stage();
            KioskWindows windows = env.openWindows(kioskStage, staffStage[0], m);
            windows.kiosk().subsidyQuestionEnabledProperty().set(true);
        });
        DemoSignIn.receptionist(robot);
        DemoVisit.placeCardAndEnterPin(robot, env.demoPin());
        assertThat(robot.lookup("#subsidyLabel").queryAs(Labeled.class).getText())
                .isEqualTo(m.get("subsidy.question"));
        robot.clickOn("#consentAll");
        WaitForAsyncUtils.waitForFxEvents();
        Button next = robot.lookup("#consentNext").queryButton();
        assertThat(next.isDisabled()).as("the PMH question is not part of 包括同意").isTrue();
        robot.clickOn("#subsidy-yes");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isDisabled()).isFalse();
        Path out = Files.createDirectories(Path.of("target", "screenshots"));
        ScreenshotTourTest.save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-consent-pmh.png"));
        robot.clickOn("#consentNext");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#resultPanel").query().isVisible());

        String expected = m.get("subsidy.title");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#medicalSubsidy")
                        .queryAs(Labeled.class)
                        .getText()
                        .startsWith(expected));
        String staffExpected = m.get("subsidy.title") + ": " + m.get("subsidy.kind.CHILD");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup(".table-cell").queryAllAs(Labeled.class).stream()
                        .anyMatch(c -> c.getText() != null && c.getText().contains(staffExpected)));
        ScreenshotTourTest.save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-result-pmh.png"));
        ScreenshotTourTest.save(robot, staffStage[0].getScene(), out.resolve(language + "-staff-history-pmh.png"));
    }
}
