package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.flow.CardKind;
import org.uketsuke.app.flow.PresentedCard;
import org.uketsuke.app.flow.SampleConfirmation;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.app.speech.SpokenGuidance;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.training.DemoProfile;
import org.uketsuke.training.ReaderMode;

/**
 * The counter's screenshots for issue #20 (items 2, 3, 4, 5, 7 and 11) in Japanese and English, saved in
 * {@code target/screenshots/} with the same "really drawn" checks as {@link ScreenshotTourTest}. The patient screens
 * of a card kind are shown from a visit snapshot on the real kiosk view; the 医療扶助 result is a whole visit of the
 * demo's person 11 against the mock backend. Off in the normal run; regenerate with
 *
 * <pre>
 * mvn -pl training -am test -Dtest=CounterScreenshotsTest -Duketsuke.screenshots=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and copy the {@code {ja,en}-kiosk-*.png} files it names into docs/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "uketsuke.screenshots", matches = "true")
class CounterScreenshotsTest {

    /** The demo person whose 医療扶助 has this month's 医療券 (mock population). */
    private static final int MEDICAL_AID_PERSON = 11;

    @TempDir
    static Path dataDir;

    private Stage stage;
    private DemoProfile env;

    @Start
    void open(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    private static VisitSnapshot at(VisitState state, PresentedCard card) {
        return new VisitSnapshot(state, 3, Optional.empty(), Optional.empty(), -1, card);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void theCounterScreensOfEachCardKind(String language, FxRobot robot) throws Exception {
        Messages m = new Messages(Locale.of(language));
        KioskViewModel model = new KioskViewModel(new VisitController(command -> Optional.empty()), m, () -> "");
        robot.interact(() -> {
            KioskSpeech.follow(model, UketsukeConfig.Speech.AUTO, SpokenGuidance.silent());
            stage.setScene(Theme.apply(new Scene(new KioskView(model).root(), 1280, 800)));
            stage.show();
        });
        Path out = Files.createDirectories(Path.of("target", "screenshots"));
        Scene scene = stage.getScene();

        // Item 11: the first screen with larger text and high contrast, and the 音声案内 switch.
        robot.clickOn("#largeTextToggle");
        robot.clickOn("#highContrastToggle");
        assertThat(model.largeText.get()).isTrue();
        assertThat(model.highContrast.get()).isTrue();
        assertThat(robot.lookup("#voiceGuideToggle").query().isVisible()).isTrue();
        ScreenshotTourTest.save(robot, scene, out.resolve(language + "-kiosk-idle-large.png"));
        robot.clickOn("#largeTextToggle");
        robot.clickOn("#highContrastToggle");

        // Item 2: an Android phone's スマホ用電子証明書 PIN, two digits typed.
        robot.interact(() -> model.show(at(VisitState.AWAITING_PIN, PresentedCard.of(CardKind.ANDROID_PHONE))));
        robot.clickOn("#pinKey1");
        robot.clickOn("#pinKey2");
        assertTitle(robot, m, "kiosk.card.ANDROID_PHONE.title");
        assertThat(robot.lookup("#chooseFace").query().isVisible()).isFalse();
        ScreenshotTourTest.save(robot, scene, out.resolve(language + "-kiosk-smartphone-pin.png"));

        // Item 3: a face-only card gets the face check and the staff's check, no PIN pad.
        robot.interact(() -> model.show(at(VisitState.AWAITING_PIN, PresentedCard.of(CardKind.FACE_ONLY_CARD))));
        assertTitle(robot, m, "kiosk.card.FACE_ONLY_CARD.title");
        assertThat(robot.lookup("#pinKeys").query().isVisible()).isFalse();
        ScreenshotTourTest.save(robot, scene, out.resolve(language + "-kiosk-face-only.png"));

        // Item 5: 保険証利用登録 offered to a card proved on the face/visual path.
        robot.interact(
                () -> model.show(at(VisitState.OFFERING_REGISTRATION, PresentedCard.of(CardKind.FACE_ONLY_CARD))));
        assertTitle(robot, m, "state.OFFERING_REGISTRATION.title");
        assertThat(robot.lookup("#registerYes").query().isVisible()).isTrue();
        ScreenshotTourTest.save(robot, scene, out.resolve(language + "-kiosk-registration-face.png"));

        // Item 4: the result with the electronic certificate about to expire.
        LocalDate expires = LocalDate.of(2027, 1, 31);
        robot.interact(() -> model.show(new VisitSnapshot(
                VisitState.SHOWING_RESULT,
                -1,
                Optional.of(SampleConfirmation.CONFIRMED),
                Optional.empty(),
                -1,
                new PresentedCard(CardKind.MY_NUMBER_CARD, new CertificateExpiry.ExpiresSoon(expires)))));
        Labeled notice = robot.lookup("#certificateNotice").queryAs(Labeled.class);
        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.getText()).contains("2027");
        ScreenshotTourTest.save(robot, scene, out.resolve(language + "-kiosk-result-expiring.png"));
    }

    /** Item 7: a whole visit of a 医療扶助 recipient; the result shows this month's 医療券. */
    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void theMedicalAidResultWithItsTicket(String language, FxRobot robot) throws Exception {
        Messages m = new Messages(Locale.of(language));
        env = DemoProfile.startForPerson(dataDir.resolve(language), ReaderMode.VIRTUAL, null, MEDICAL_AID_PERSON);
        robot.interact(() -> env.openWindows(stage, new Stage(), m));
        DemoSignIn.receptionist(robot);
        DemoVisit.declineEverything(robot, env.demoPin());
        String ticket = m.get("assistance.kind.1");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#medicalAssistance")
                        .queryAs(Labeled.class)
                        .getText()
                        .contains(ticket));
        ScreenshotTourTest.save(
                robot, stage.getScene(), Path.of("target", "screenshots", language + "-kiosk-result-medical-aid.png"));
        robot.clickOn("#removeCard");
    }

    private static void assertTitle(FxRobot robot, Messages m, String key) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#kioskTitle").queryLabeled().getText()).isEqualTo(m.get(key));
    }
}
