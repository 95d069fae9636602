package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.event.ActionEvent;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.flow.PresentedCard;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.app.speech.GuidanceLine;
import org.uketsuke.app.speech.SpokenGuidance;

/**
 * Large text on a 1024×768 kiosk: the screen scrolls where it is taller than the window, so the patient reaches the
 * consent screen's 次へ by scrolling and touching it; a failed confirmation tells the patient what to do next, and a
 * second card on another reader is told to wait; where speech is on, the patient's 音声案内 switch silences the visit.
 */
@ExtendWith(ApplicationExtension.class)
class KioskLargeTextUiTest {

    private KioskViewModel model;
    private Scene scene;

    @Start
    void open(Stage stage) {
        model = new KioskViewModel(
                new VisitController(command -> Optional.empty()), new Messages(Messages.JAPANESE), () -> "");
        scene = Theme.apply(new Scene(new KioskView(model).root(), 1024, 768));
        stage.setScene(scene);
        stage.show();
    }

    private boolean inWindow(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        return b.getMinY() >= 0
                && b.getMaxY() <= scene.getHeight()
                && b.getMinX() >= 0
                && b.getMaxX() <= scene.getWidth();
    }

    @Test
    void withLargeTextTheConsentScreensNextButtonIsReachedByScrolling(FxRobot robot) {
        robot.clickOn("#largeTextToggle");
        assertThat(model.largeText.get()).isTrue();
        assertThat(inWindow(robot.lookup("#largeTextToggle").query())).isTrue();
        robot.interact(() -> model.show(new VisitSnapshot(
                VisitState.ASKING_CONSENTS, -1, Optional.empty(), Optional.empty(), -1, PresentedCard.MY_NUMBER_CARD)));
        Button next = robot.lookup("#consentNext").queryButton();
        AtomicBoolean pressed = new AtomicBoolean();
        next.addEventHandler(ActionEvent.ACTION, e -> pressed.set(true));
        ScrollPane scroll = robot.lookup("#kioskScroll").queryAs(ScrollPane.class);
        assertThat(scroll.getContent().getBoundsInLocal().getHeight())
                .as("large text makes the consent screen taller than the window")
                .isGreaterThan(scroll.getViewportBounds().getHeight());

        for (int i = 0;
                i < 20
                        && !(inWindow(next)
                                && inWindow(robot.lookup("#consentAll").query()));
                i++) {
            // The patient drags the screen up with a finger (a touch drag is a mouse drag to JavaFX).
            robot.drag("#kioskTitle").dropBy(0, -200);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(inWindow(next))
                .as(
                        "scrolled into the window: %s, v=%s",
                        next.localToScene(next.getBoundsInLocal()), scroll.getVvalue())
                .isTrue();
        robot.clickOn("#consentAll");
        assertThat(next.isDisabled()).isFalse();
        robot.clickOn("#consentNext");
        assertThat(pressed).isTrue();
    }

    @Test
    void aFailedConfirmationSaysWhatToDoNextAndASecondCardIsToldToWait(FxRobot robot) {
        robot.interact(() -> model.show(new VisitSnapshot(
                VisitState.SHOWING_PROBLEM,
                -1,
                Optional.empty(),
                Optional.of(Problem.QUALIFICATION_LOST),
                -1,
                PresentedCard.MY_NUMBER_CARD)));
        assertThat(robot.lookup("#kioskProblemNext").queryLabeled().getText())
                .contains("資格情報のお知らせ")
                .contains("10割");
        robot.interact(() -> model.showWaitingCards(List.of("Virtual PCD 00 01")));
        assertThat(robot.lookup("#kioskWaitingCard").queryLabeled().getText()).contains("Virtual PCD 00 01");
        robot.interact(() -> model.showWaitingCards(List.of()));
        assertThat(robot.lookup("#kioskWaitingCard").query().isVisible()).isFalse();
    }

    @Test
    void theVoiceGuideSwitchIsOfferedOnlyWhereSpeechIsOnAndSilencesTheStepBeingSpoken(FxRobot robot) {
        assertThat(robot.lookup("#voiceGuideToggle").query().isVisible())
                .as("kiosk.speech=off")
                .isFalse();
        List<String> told = new CopyOnWriteArrayList<>();
        SpokenGuidance capture = new SpokenGuidance() {
            @Override
            public void say(GuidanceLine line) {
                told.add(line.key());
            }

            @Override
            public void stop() {
                told.add("STOP");
            }
        };
        robot.interact(() -> {
            KioskSpeech.follow(model, UketsukeConfig.Speech.AUTO, capture);
            model.show(new VisitSnapshot(
                    VisitState.READING_CARD, -1, Optional.empty(), Optional.empty(), -1, PresentedCard.MY_NUMBER_CARD));
        });
        assertThat(robot.lookup("#voiceGuideToggle").queryLabeled().getText()).isEqualTo("音声案内");
        robot.clickOn("#voiceGuideToggle");
        assertThat(model.voiceGuide.get()).isFalse();
        assertThat(told).containsExactly("state.READING_CARD", "STOP");
    }
}
