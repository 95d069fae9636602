package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.chrono.JapaneseEra;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.WarekiDate;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.camera.ImageSequenceSource;
import org.uketsuke.training.DemoProfile;

/**
 * The PIN-less face path through real windows (Monocle headless): the demo card's printed front held to a recorded
 * camera and read by Tesseract, the virtual card's 照合番号B and card-face AP, the face match on recorded frames and
 * the embedded backend over mTLS.
 */
@ExtendWith(ApplicationExtension.class)
class FacePathUiTest {

    @TempDir
    static Path dataDir;

    private DemoProfile env;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.start(dataDir);
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
    void theCardFrontIsReadByTheCameraAndTheFaceConfirmsThePatient(FxRobot robot) throws Exception {
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        robot.clickOn("#chooseFace");
        answerConsents(robot, "no");
        waitUntilVisible(robot, "#resultPanel");
        assertThat(text(robot, "#resultInsurerNumber"))
                .isEqualTo(env.issuedCard().expected().card().insurer().value());
    }

    @Test
    void anUnreadableCardFrontLeadsToManualEntryAndOnToTheResult(FxRobot robot) throws Exception {
        env.useCardFrontCamera(FacePathUiTest::blankCamera);
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        robot.clickOn("#chooseFace");
        waitUntilVisible(robot, "#entryPane");
        assertThat(text(robot, "#kioskProblem")).isEqualTo("カード表面を読み取れませんでした。数字を入力してください。");
        assertThat(robot.lookup("#entrySubmit").queryButton().isDisabled()).isTrue();
        typeCardFront(robot, "2285");
        answerConsents(robot, "no");
        waitUntilVisible(robot, "#resultPanel");
    }

    @Test
    void wrongDigitsShowTheTriesLeftAndAreNotSentTwice(FxRobot robot) throws Exception {
        env.useCardFrontCamera(FacePathUiTest::blankCamera);
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        robot.clickOn("#chooseFace");
        waitUntilVisible(robot, "#entryPane");
        typeCardFront(robot, "9999");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "残り9回".equals(text(robot, "#collationTriesLeft")));
        assertThat(text(robot, "#kioskProblem")).contains("照合番号B");
        // The same digits again are refused on screen, before they reach the card.
        assertThat(robot.lookup("#entrySubmit").queryButton().isDisabled()).isTrue();
        assertThat(text(robot, "#entryValidation")).isEqualTo("この番号はカードで一致しませんでした。カードの表面を確かめてください。");
        TextField code = robot.lookup("#entrySecurityCode").queryAs(TextField.class);
        robot.interact(() -> code.setText("2285"));
        robot.clickOn("#entrySubmit");
        answerConsents(robot, "no");
        waitUntilVisible(robot, "#resultPanel");
    }

    @Test
    void takingTheCardAwayOnTheFacePathLeavesNothingOnScreen(FxRobot robot) throws Exception {
        env.useCardFrontCamera(FacePathUiTest::blankCamera);
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        robot.clickOn("#chooseFace");
        waitUntilVisible(robot, "#entryPane");
        TextField code = robot.lookup("#entrySecurityCode").queryAs(TextField.class);
        robot.interact(() -> code.setText("2285"));
        robot.clickOn("#removeCard");
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !robot.lookup("#facePath").query().isVisible());
        assertThat(code.getText()).isEmpty();
        assertThat(text(robot, "#kioskProblem")).isEqualTo(new Messages(Messages.JAPANESE).get("problem.CARD_REMOVED"));
        robot.clickOn("#kioskTitle");
        env.terminal().controller().fire(new VisitEvent.Cancelled());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "ようこそ".equals(text(robot, "#kioskTitle")));
        assertThat(robot.lookup("#capturePreview").queryAs(ImageView.class).getImage())
                .isNull();
    }

    @Test
    void theFacePathOffersThePinAndTheStaffsCheckOnTheWay(FxRobot robot) throws Exception {
        env.useCardFrontCamera(FacePathUiTest::blankCamera);
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        robot.clickOn("#chooseFace");
        waitUntilVisible(robot, "#entryPane");
        assertThat(robot.lookup("#facePathStaff").query().isVisible()).isTrue();
        robot.clickOn("#facePathPin");
        waitUntilVisible(robot, "#pinPad");
        assertThat(text(robot, "#pinTriesLeft")).isEqualTo("残り3回");
    }

    /** A camera that sees no card: a few grey frames, then the end of the recording. */
    private static ImageSequenceSource blankCamera() {
        OpenCv.load();
        return new ImageSequenceSource(List.of(grey(), grey(), grey()), false);
    }

    private static Mat grey() {
        return new Mat(720, 1280, CvType.CV_8UC3, new Scalar(90, 90, 90));
    }

    private void typeCardFront(FxRobot robot, String securityCode) {
        WarekiDate birth = WarekiDate.of(env.issuedCard().expected().birthdate());
        @SuppressWarnings("unchecked")
        ComboBox<JapaneseEra> era = robot.lookup("#entryEra").queryAs(ComboBox.class);
        robot.interact(() -> era.setValue(birth.era()));
        robot.clickOn("#entryBirthYear").write(Integer.toString(birth.yearOfEra()));
        robot.clickOn("#entryBirthMonth").write(Integer.toString(birth.month()));
        robot.clickOn("#entryBirthDay").write(Integer.toString(birth.day()));
        robot.clickOn("#entryExpiryYear").write("2035");
        robot.clickOn("#entrySecurityCode").write(securityCode);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#entryValidation")).isEmpty();
        robot.clickOn("#entrySubmit");
    }

    private static void answerConsents(FxRobot robot, String answer) throws Exception {
        waitUntilVisible(robot, "#consentBox");
        for (ConsentItem item : ConsentItem.values()) {
            robot.clickOn("#consent-" + item.name().toLowerCase(Locale.ROOT) + "-" + answer);
        }
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#consentNext");
    }

    private static void waitUntilVisible(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            Node node = robot.lookup(query).tryQuery().orElse(null);
            return node != null && node.isVisible() && node.getScene() != null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
