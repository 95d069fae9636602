package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.uketsuke.app.flow.CardKind;
import org.uketsuke.app.flow.PresentedCard;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.VisitController;

/**
 * The kiosk's first frame at a cold start holds the idle screen alone ({@link KioskView#startingScreen}): the visit's
 * screens join the scene after it, or at once when a visit needs one first — a card placed right at ready still gets
 * its PIN pad, and the pad types.
 */
@ExtendWith(ApplicationExtension.class)
class KioskFirstFrameUiTest {

    private static final List<String> VISIT_SCREENS =
            List.of("#pinPad", "#consentBox", "#registrationOffer", "#resultPanel");

    private final Messages en = new Messages(Messages.ENGLISH);
    private KioskViewModel model;
    private KioskView view;

    @Start
    void open(Stage stage) {
        model = new KioskViewModel(new VisitController(command -> Optional.empty()), en, () -> "");
        view = KioskView.startingScreen(model);
        stage.setScene(Theme.apply(new Scene(view.root(), 1024, 768)));
        stage.show();
    }

    @Test
    void theIdleScreenComesAloneAndTheVisitScreensJoinItHidden(FxRobot robot) {
        assertThat(robot.lookup("#kioskTitle").queryAs(Label.class).getText()).isEqualTo(en.get("state.IDLE.title"));
        assertThat(robot.lookup("#idlePicture").query().isVisible()).isTrue();
        for (String screen : VISIT_SCREENS) {
            assertThat(robot.lookup(screen).tryQuery())
                    .as(screen + " is not in the first frame")
                    .isEmpty();
        }

        robot.interact(view::addVisitScreens);
        robot.interact(
                view::addVisitScreens); // a second call (the posted one after a visit added them) changes nothing

        for (String screen : VISIT_SCREENS) {
            Node node = robot.lookup(screen).query();
            assertThat(node.getScene()).isSameAs(view.root().getScene());
            assertThat(node.isVisible())
                    .as(screen + " waits hidden for its step")
                    .isFalse();
        }
        assertThat(robot.lookup("#idlePicture").query().isVisible()).isTrue();
    }

    @Test
    void aCardPlacedBeforeTheVisitScreensJoinedGetsItsPinPadAndThePadTypes(FxRobot robot) {
        robot.interact(() -> model.show(new VisitSnapshot(
                VisitState.AWAITING_PIN,
                3,
                Optional.empty(),
                Optional.empty(),
                -1,
                PresentedCard.of(CardKind.MY_NUMBER_CARD))));

        assertThat(robot.lookup("#pinPad").query().isVisible()).isTrue();
        assertThat(robot.lookup("#pinTriesLeft").queryAs(Label.class).getText()).isEqualTo(en.get("pin.triesLeft", 3));
        robot.clickOn("#pinKey4");
        robot.clickOn("#pinKey2");
        assertThat(model.pinMaskProperty().get()).isEqualTo("●●");
        assertThat(robot.lookup("#pinDisplay").queryAs(Label.class).getText()).isEqualTo("●●");

        robot.interact(() -> model.show(VisitSnapshot.idle()));
        assertThat(robot.lookup("#pinPad").query().isVisible()).isFalse();
        assertThat(robot.lookup("#idlePicture").query().isVisible()).isTrue();
    }
}
