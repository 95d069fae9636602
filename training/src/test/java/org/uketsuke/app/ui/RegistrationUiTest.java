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
import org.uketsuke.training.ReaderMode;

/**
 * A card not yet registered for insurance use, in the real windows against the mock backend: the kiosk offers
 * 保険証利用登録, the patient registers with the PIN they just entered, and the qualification is confirmed; a patient
 * who declines sees why nothing was confirmed.
 */
@ExtendWith(ApplicationExtension.class)
class RegistrationUiTest {

    @TempDir
    Path dataDir;

    private DemoProfile env;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.start(dataDir, ReaderMode.VIRTUAL, null, false);
        env.openWindows(kioskStage, new Stage(), new Messages(Messages.JAPANESE));
    }

    /** The staff console opens behind its sign-in: the demo receptionist signs in first. */
    @BeforeEach
    void signIn(FxRobot robot) throws Exception {
        DemoSignIn.receptionist(robot);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private void pinAndConsents(FxRobot robot) throws Exception {
        DemoVisit.placeCardAndEnterPin(robot, env.demoPin());
        DemoVisit.answerEveryConsent(robot, "no");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#registrationOffer").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#kioskTitle").queryLabeled().getText()).isEqualTo("保険証として利用登録しますか");
    }

    @Test
    void theCardIsRegisteredAtTheCounterAndTheQualificationConfirmed(FxRobot robot) throws Exception {
        pinAndConsents(robot);
        robot.clickOn("#registerYes");
        DemoVisit.awaitResult(robot);
        assertThat(robot.lookup("#resultInsurerNumber").queryLabeled().getText())
                .isEqualTo(env.issuedCard().expected().card().insurer().value().strip());
        assertThat(env.terminal().bridge().statuses()).hasSize(1);
        robot.clickOn("#removeCard");

        // Next time the same card confirms straight away.
        DemoVisit.declineEverything(robot, env.demoPin());
    }

    @Test
    void aPatientWhoDeclinesIsToldWhyNothingWasConfirmed(FxRobot robot) throws Exception {
        pinAndConsents(robot);
        robot.clickOn("#registerNo");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#kioskTitle").queryLabeled().getText().equals("確認を完了できませんでした"));
        assertThat(robot.lookup("#kioskProblem").queryLabeled().getText()).isEqualTo("このカードは健康保険証としての利用登録がされていません。");
        assertThat(env.terminal().bridge().statuses()).isEmpty();
    }
}
