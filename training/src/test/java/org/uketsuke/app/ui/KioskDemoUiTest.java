package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
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
import org.uketsuke.app.reception.FacePreviewFeed;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.training.DemoProfile;
import org.uketsuke.training.DemoStaff;

/**
 * Drives the whole demo through real windows (Monocle headless): the staff places the virtual card, the patient
 * types the PIN on the pad, the embedded backend answers over mTLS, and both screens show what it said.
 */
@ExtendWith(ApplicationExtension.class)
class KioskDemoUiTest {

    @TempDir
    static Path dataDir;

    private DemoProfile env;

    /** A fresh environment (and so a fresh card with 3 PIN tries) per test; the backend state is shared. */
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
    void thePinPathShowsTheInsurerAndCoPaymentFromTheBackendOnBothScreens(FxRobot robot) throws Exception {
        Qualification expected = env.issuedCard().expected();
        // The first screen: where the card goes, as a picture, and the patient's own display modes.
        assertThat(robot.lookup("#idlePicture").query().isVisible()).isTrue();
        robot.clickOn("#largeTextToggle");
        robot.clickOn("#highContrastToggle");
        Node kiosk = robot.lookup(".kiosk-root").query();
        assertThat(kiosk.getStyleClass()).contains("large-text", "high-contrast");
        // Larger text needs the full-screen kiosk's room; this 1024×768 window takes it off again.
        robot.clickOn("#largeTextToggle");
        assertThat(kiosk.getStyleClass()).doesNotContain("large-text");

        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        assertThat(robot.lookup("#idlePicture").query().isVisible()).isFalse();
        assertThat(text(robot, "#pinTriesLeft")).isEqualTo("残り3回");

        for (String key : new String[] {"#pinKey1", "#pinKey2", "#pinKey3", "#pinKey4"}) {
            robot.clickOn(key);
        }
        assertThat(text(robot, "#pinDisplay")).isEqualTo("●●●●");
        robot.clickOn("#pinOk");
        answerConsents(robot, "no");

        waitUntilVisible(robot, "#resultPanel");
        assertThat(text(robot, "#resultInsurerNumber"))
                .isEqualTo(expected.card().insurer().value().strip());
        assertThat(text(robot, "#resultRatio"))
                .isEqualTo(expected.contributionRatio().percent() / 10 + "割");
        assertThat(text(robot, "#resultInsurerName")).isEqualTo(expected.insurerName());

        TableView<?> history = robot.lookup("#staffHistory").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !history.getItems().isEmpty());
        assertThat(history.getItems()).hasSize(1);

        robot.clickOn("#removeCard");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#resultPanel").query().isVisible());
        assertThat(text(robot, "#resultInsurerNumber")).isEmpty();
        assertThat(text(robot, "#kioskTitle")).isEqualTo("ようこそ");
        assertThat(kiosk.getStyleClass()).as("the next patient starts ordinary").doesNotContain("high-contrast");
    }

    @Test
    void thePinPadWorksFromTheKeyboardAndAWrongPinShowsTheTriesLeft(FxRobot robot) throws Exception {
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        robot.clickOn("#kioskTitle");
        robot.type(KeyCode.DIGIT9, KeyCode.DIGIT9, KeyCode.NUMPAD9, KeyCode.DIGIT9);
        assertThat(text(robot, "#pinDisplay")).isEqualTo("●●●●");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "残り2回".equals(text(robot, "#pinTriesLeft")));
        assertThat(text(robot, "#pinDisplay")).as("the pad starts empty again").isEmpty();
        robot.type(KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.ENTER);
        // 包括同意: one touch answers every item; the 限度額 question is gone (always provided since 2024-10-07).
        waitUntilVisible(robot, "#consentBox");
        assertThat(robot.lookup("#consent-limit-yes").tryQuery()).isEmpty();
        robot.clickOn("#consentAll");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#consent-clinical-yes")
                        .queryAs(ToggleButton.class)
                        .isSelected())
                .isTrue();
        robot.clickOn("#consentNext");
        waitUntilVisible(robot, "#resultPanel");
        robot.clickOn("#removeCard");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#resultPanel").query().isVisible());
    }

    @Test
    void aBackendOutageShowsAPlainMessageAndNothingIsWritten(FxRobot robot) throws Exception {
        env.backend().injectFault(new Fault.Status(503), 1);
        int entriesBefore = env.terminal().bridge().statuses().size();
        DemoVisit.placeCardAndEnterPin(robot, env.demoPin());
        answerConsents(robot, "no");
        waitUntilVisible(robot, "#kioskProblem");
        assertThat(text(robot, "#kioskProblem")).isEqualTo("現在、資格確認サービスに接続できません。");
        assertThat(robot.lookup("#resultPanel").query().isVisible()).isFalse();
        robot.clickOn("#languageToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#kioskProblem")).isEqualTo("The insurance check service cannot be reached right now.");
        assertThat(env.terminal().bridge().statuses()).hasSize(entriesBefore);
        robot.clickOn("#removeCard");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#kioskProblem").query().isVisible());
    }

    @Test
    void staffConfirmByInsuranceNumberWithLiveValidation(FxRobot robot) throws Exception {
        Qualification person = env.backend().issueCard(3).expected();
        String insurer = person.card().insurer().value();
        String wrongCheckDigit = insurer.substring(0, insurer.length() - 1)
                + (char) ('0' + (insurer.charAt(insurer.length() - 1) - '0' + 1) % 10);
        robot.clickOn("#lookupInsurer").write(wrongCheckDigit);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#lookupProblems")).contains("保険者番号の検証番号（最後の桁）は" + insurer.charAt(insurer.length() - 1));

        robot.doubleClickOn("#lookupInsurer").eraseText(insurer.length()).write(insurer);
        robot.clickOn("#lookupSymbol").write(person.card().symbol());
        robot.clickOn("#lookupNumber").write(person.card().number());
        robot.clickOn("#lookupBranch").write(person.card().branch());
        robot.clickOn("#lookupBirthdate").write(person.birthdate().toString().replace("-", ""));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#lookupProblems")).isEmpty();
        int entriesBefore = env.terminal().bridge().statuses().size();
        // The lookup is audited under the signed-in receptionist; there is no name to pick instead.
        assertThat(robot.lookup("#staffOnDuty").tryQuery()).isEmpty();
        assertThat(env.terminal().staffSession().currentId()).isEqualTo(DemoStaff.RECEPTIONIST.id());
        robot.clickOn("#lookupSubmit");

        TableView<?> history = robot.lookup("#staffHistory").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> !history.getItems().isEmpty());
        ReceptionRecord row = (ReceptionRecord) history.getItems().getFirst();
        assertThat(row.problem()).isEmpty();
        assertThat(row.qualification().orElseThrow().card().insurer().value()).isEqualTo(insurer);
        assertThat(env.terminal().bridge().statuses()).hasSize(entriesBefore + 1);
        List<String> audit = Files.readAllLines(env.terminal().dataDir().resolve("audit.jsonl"));
        assertThat(audit.getLast())
                .contains(
                        "\"staff\":\"" + DemoStaff.RECEPTIONIST.id() + "\"",
                        "\"method\":\"INSURANCE_NUMBER\"",
                        "\"outcome\":\"CONFIRMED\"")
                .doesNotContain(insurer);
    }

    @Test
    void thePatientCanChooseTheFaceCheckInsteadOfThePin(FxRobot robot) throws Exception {
        // What the face check showed the patient while it ran: its live frames with guidance, then nothing.
        List<FacePreviewFeed.Update> shown = new CopyOnWriteArrayList<>();
        env.terminal().facePreview().subscribe(shown::add);
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        robot.clickOn("#chooseFace");
        answerConsents(robot, "no");
        waitUntilVisible(robot, "#resultPanel");
        assertThat(text(robot, "#resultInsurerNumber"))
                .isEqualTo(env.issuedCard().expected().card().insurer().value());
        TableView<?> history = robot.lookup("#staffHistory").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !history.getItems().isEmpty());

        assertThat(shown).hasSizeGreaterThanOrEqualTo(3);
        assertThat(shown.getLast()).isInstanceOf(FacePreviewFeed.Update.Ended.class);
        assertThat(shown.subList(0, shown.size() - 1))
                .allSatisfy(update -> assertThat(update)
                        .isInstanceOfSatisfying(
                                FacePreviewFeed.Update.Frame.class,
                                frame -> assertThat(frame.width()).isEqualTo(320)))
                .anySatisfy(update -> assertThat(((FacePreviewFeed.Update.Frame) update).issue())
                        .isNull());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#facePreview").queryAs(ImageView.class).getImage())
                .as("the patient's picture is gone from the screen once the check decided")
                .isNull();
        assertThat(robot.lookup("#faceCheckPreview").query().isVisible()).isFalse();
    }

    @Test
    void theStaffConfirmTheCardPhotoOnTheirScreen(FxRobot robot) throws Exception {
        robot.clickOn("#placeCard");
        waitUntilVisible(robot, "#pinPad");
        assertThat(robot.lookup("#visualConfirm").queryButton().isDisabled()).isTrue();
        robot.clickOn("#requestVisual");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#visualConfirm").queryButton().isDisabled());
        assertThat(text(robot, "#kioskTitle")).isEqualTo("受付スタッフが確認します");
        robot.clickOn("#visualConfirm");
        answerConsents(robot, "no");
        waitUntilVisible(robot, "#resultPanel");
        assertThat(text(robot, "#resultInsurerNumber"))
                .isEqualTo(env.issuedCard().expected().card().insurer().value());
        // The 目視確認 is signed by the receptionist signed in, not by a name chosen on screen.
        Path audit = env.terminal().dataDir().resolve("audit.jsonl");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> Files.readAllLines(audit)
                        .getLast()
                        .contains("\"staff\":\"" + DemoStaff.RECEPTIONIST.id() + "\""));
        // The staff console shows who assisted the patient (介助者), in a column visible at its opening size.
        TableView<?> history = robot.lookup("#staffHistory").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !history.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        TableColumn<?, ?> assisted = history.getColumns().stream()
                .filter(column -> column.getText().equals("介助"))
                .findFirst()
                .orElseThrow();
        assertThat(assisted.getCellData(0)).isEqualTo("職員 " + DemoStaff.RECEPTIONIST.id() + "（目視確認）");
        double columns =
                history.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertThat(columns).as("every column fits the table").isLessThanOrEqualTo(history.getWidth());
    }

    @Test
    void theLanguageSwitchesToEnglishOnScreen(FxRobot robot) {
        robot.clickOn("#languageToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#kioskTitle")).isEqualTo("Welcome");
        assertThat(text(robot, "#kioskBody")).isEqualTo("Please place your My Number card on the reader.");
    }

    /** Answers every consent item the same way; "次へ" stays disabled until each has an answer. */
    private static void answerConsents(FxRobot robot, String answer) throws Exception {
        waitUntilVisible(robot, "#consentBox");
        Button next = robot.lookup("#consentNext").queryButton();
        for (ConsentItem item : ConsentItem.values()) {
            assertThat(next.isDisabled()).isTrue();
            robot.clickOn("#consent-" + item.name().toLowerCase(Locale.ROOT) + "-" + answer);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isDisabled()).isFalse();
        robot.clickOn("#consentNext");
    }

    private static void waitUntilVisible(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Node node = robot.lookup(query).tryQuery().orElse(null);
            return node != null && node.isVisible() && node.getScene() != null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
