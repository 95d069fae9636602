package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
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
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.training.DemoProfile;

/**
 * Medical information in real windows (#14): the consent screen explains each answer and asks the prescription
 * form when e-prescriptions are on; the staff's 診療・薬剤情報 tab shows what was consented to and a plain
 * "no consent" for the rest; the viewing lands in the audit log.
 */
@ExtendWith(ApplicationExtension.class)
class MedicalInfoUiTest {

    @TempDir
    static Path dataDir;

    private DemoProfile env;
    private KioskWindows windows;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.start(dataDir);
        windows = env.openWindows(kioskStage, new Stage(), new Messages(Messages.JAPANESE));
        windows.kiosk().prescriptionChoiceEnabledProperty().set(true);
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

    private int demoPerson() {
        var card = env.issuedCard().expected().card();
        return IntStream.range(0, env.backend().people())
                .filter(i -> env.backend().person(i).card().equals(card))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theConsentScreenExplainsEachAnswerAndTheChosenFormReachesTheSystem(FxRobot robot) throws Exception {
        Messages ja = new Messages(Messages.JAPANESE);
        DemoVisit.placeCardAndEnterPin(robot, env.demoPin());
        assertThat(text(robot, "#consentExplanation")).isEqualTo(ja.get("consent.explainIntro"));
        assertThat(robot.lookup("#prescription-electronic").query().isVisible()).isTrue();
        Button next = robot.lookup("#consentNext").queryButton();
        for (ConsentItem item : ConsentItem.values()) {
            boolean yes = item == ConsentItem.DRUG;
            robot.clickOn("#consent-" + item.name().toLowerCase(Locale.ROOT) + (yes ? "-yes" : "-no"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(text(robot, "#consentExplanation")).isEqualTo(ja.get("consent." + item + ".explain"));
        }
        assertThat(next.isDisabled())
                .as("the prescription form is still to choose")
                .isTrue();
        robot.clickOn("#prescription-electronic");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#consentExplanation")).isEqualTo(ja.get("prescription.explain"));
        assertThat(next.isDisabled()).isFalse();
        robot.clickOn("#consentNext");
        waitUntilVisible(robot, "#resultPanel");
        assertThat(env.backend().lastPrescriptionForm(demoPerson())).contains(PrescriptionForm.ELECTRONIC);

        // The staff view what was consented to (drugs) and see a plain refusal for the rest (checkups).
        robot.clickOn("#medicalTab");
        robot.clickOn("#openMedical");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#medicalPatient").queryComboBox().getValue() != null);
        robot.clickOn("#medicalLoad");
        TableView<?> table = robot.lookup("#medicalTable").queryAs(TableView.class);
        int drugs =
                env.backend().medicalHistory(demoPerson(), MedicalCategory.DRUG).size();
        assertThat(drugs).as("the demo patient has drugs on record").isPositive();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == drugs);
        assertThat(robot.lookup("#drugTimeline").query().isVisible()).isTrue();

        robot.interact(() -> windowsMedicalCategory(robot, MedicalCategory.CHECKUP));
        robot.clickOn("#medicalLoad");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> text(robot, "#medicalStatus").equals(ja.get("medical.status.NO_CONSENT")));
        assertThat(table.getItems()).isEmpty();
        assertThat(robot.lookup("#medicalStatus").query().getStyleClass()).contains("medical-refused");

        String audit = Files.readString(dataDir.resolve("audit.jsonl"));
        assertThat(audit).contains("VIEWED_DRUG", "NO_CONSENT_CHECKUP");
    }

    @SuppressWarnings("unchecked")
    private static void windowsMedicalCategory(FxRobot robot, MedicalCategory category) {
        robot.lookup("#medicalCategory").queryAs(ComboBox.class).setValue(category);
    }

    private static void waitUntilVisible(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Node node = robot.lookup(query).tryQuery().orElse(null);
            return node != null && node.isVisible() && node.getScene() != null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return ((Labeled) robot.lookup(query).query()).getText();
    }
}
