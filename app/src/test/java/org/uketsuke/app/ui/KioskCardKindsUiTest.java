package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import org.uketsuke.app.flow.SampleConfirmation;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.eligibility.CertificateExpiry;

/**
 * The patient screen in a real window for what was presented: a face-only card gets no PIN pad, an Android phone
 * no face or staff check, and a certificate in its grace a renewal notice under the result (issue #20 items 2–4).
 */
@ExtendWith(ApplicationExtension.class)
class KioskCardKindsUiTest {

    private KioskViewModel model;

    @Start
    void open(Stage stage) {
        model = new KioskViewModel(
                new VisitController(command -> Optional.empty()), new Messages(Messages.ENGLISH), () -> "");
        stage.setScene(Theme.apply(new Scene(new KioskView(model).root(), 1280, 800)));
        stage.show();
    }

    private static VisitSnapshot at(VisitState state, PresentedCard card) {
        return new VisitSnapshot(state, 3, Optional.empty(), Optional.empty(), -1, card);
    }

    private static boolean visible(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node.isVisible() && node.getParent().isVisible();
    }

    @Test
    void eachCardKindGetsItsOwnWaysAndAnExpiredCertificateItsNotice(FxRobot robot) {
        robot.interact(() -> model.show(at(VisitState.AWAITING_PIN, PresentedCard.of(CardKind.FACE_ONLY_CARD))));
        assertThat(visible(robot, "#pinKeys")).isFalse();
        // No PIN, so no companion to type it either.
        assertThat(visible(robot, "#pinByCompanion")).isFalse();
        assertThat(visible(robot, "#chooseFace")).isTrue();
        assertThat(visible(robot, "#requestVisual")).isTrue();
        assertThat(robot.lookup("#kioskTitle").queryAs(Label.class).getText()).isEqualTo("Face-authentication card");

        robot.interact(() -> model.show(at(VisitState.AWAITING_PIN, PresentedCard.of(CardKind.ANDROID_PHONE))));
        assertThat(visible(robot, "#pinKeys")).isTrue();
        assertThat(visible(robot, "#pinByCompanion")).isTrue();
        assertThat(visible(robot, "#chooseFace")).isFalse();
        assertThat(visible(robot, "#requestVisual")).isFalse();

        CertificateExpiry grace =
                new CertificateExpiry.ExpiredInGrace(LocalDate.of(2026, 11, 1), LocalDate.of(2027, 2, 1));
        robot.interact(() -> model.show(new VisitSnapshot(
                VisitState.SHOWING_RESULT,
                -1,
                Optional.of(SampleConfirmation.CONFIRMED),
                Optional.empty(),
                -1,
                new PresentedCard(CardKind.MY_NUMBER_CARD, grace))));
        Label notice = robot.lookup("#certificateNotice").queryAs(Label.class);
        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.getText()).contains("2026-11-01").contains("2027-02-01");

        robot.interact(() -> model.show(VisitSnapshot.idle()));
        assertThat(notice.isVisible()).isFalse();
        assertThat(notice.getText()).isEmpty();
    }
}
