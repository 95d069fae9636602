package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.SampleConfirmation;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.app.reception.VisitSteps;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;

/** The consent screen's model as plain Java: every item needs an answer, and the form too when e-prescriptions are on. */
class KioskConsentModelTest {

    private final List<VisitCommand.Confirm> confirms = new CopyOnWriteArrayList<>();
    private final VisitSteps steps = command -> switch (command) {
        case VisitCommand.ReadCard _ -> Optional.of(new VisitEvent.CardReady(3));
        case VisitCommand.VerifyPin _ -> Optional.of(new VisitEvent.PinVerified());
        case VisitCommand.Confirm c -> {
            confirms.add(c);
            yield Optional.of(new VisitEvent.Confirmed(SampleConfirmation.CONFIRMED));
        }
        case VisitCommand.MatchFace _,
                VisitCommand.RecordVisualCheck _,
                VisitCommand.EndVisit _,
                VisitCommand.RegisterCard _ -> Optional.empty();
    };

    private static VisitSnapshot await(LinkedBlockingQueue<VisitSnapshot> seen, VisitState state) throws Exception {
        while (true) {
            VisitSnapshot s = seen.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("never reached " + state);
            }
            if (s.state() == state) {
                return s;
            }
        }
    }

    private KioskViewModel atConsents(VisitController controller, LinkedBlockingQueue<VisitSnapshot> seen)
            throws Exception {
        KioskViewModel model = new KioskViewModel(controller, new Messages(Messages.JAPANESE), () -> "");
        controller.fire(new VisitEvent.CardPlaced());
        await(seen, VisitState.AWAITING_PIN);
        controller.fire(new VisitEvent.PinEntered("1234"));
        model.show(await(seen, VisitState.ASKING_CONSENTS));
        return model;
    }

    @Test
    void withEPrescriptionsTheFormMustBeChosenAndTravelsWithTheAnswers() throws Exception {
        LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();
        try (VisitController controller = new VisitController(steps)) {
            controller.addListener(seen::add);
            KioskViewModel model = atConsents(controller, seen);
            model.prescriptionChoiceEnabledProperty().set(true);
            for (ConsentItem item : ConsentItem.values()) {
                model.answer(item, item == ConsentItem.DRUG);
            }
            assertThat(model.allAnswered()).isFalse();
            model.submitConsents();
            model.choosePrescription(null);
            assertThat(model.prescriptionProperty().get()).isNull();
            model.choosePrescription(PrescriptionForm.PAPER);
            assertThat(model.allAnswered()).isTrue();
            model.submitConsents();
            await(seen, VisitState.SHOWING_RESULT);
        }
        assertThat(confirms)
                .containsExactly(new VisitCommand.Confirm(
                        Consents.answered(Consent.YES, Consent.NO, Consent.NO, Consent.NO, Consent.NO, Consent.NO),
                        Optional.of(PrescriptionForm.PAPER)));
    }

    @Test
    void withPmhTheSubsidyQuestionMustBeAnsweredApartFromShareAllAndTravelsWithTheAnswers() throws Exception {
        LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();
        try (VisitController controller = new VisitController(steps)) {
            controller.addListener(seen::add);
            KioskViewModel model = atConsents(controller, seen);
            model.subsidyQuestionEnabledProperty().set(true);
            model.consentToAll();
            assertThat(model.subsidyAnswerProperty().get())
                    .as("包括同意 shares medical information; it does not answer the PMH question")
                    .isNull();
            assertThat(model.allAnswered()).isFalse();
            model.submitConsents();
            model.answerSubsidy(false);
            model.answerSubsidy(true);
            assertThat(model.allAnswered()).isTrue();
            model.submitConsents();
            model.show(await(seen, VisitState.SHOWING_RESULT));
            model.answerSubsidy(false);
            assertThat(model.subsidyAnswerProperty().get())
                    .as("the answer is cleared with the screen and taken nowhere else")
                    .isNull();
        }
        assertThat(confirms)
                .containsExactly(
                        new VisitCommand.Confirm(Consents.all(Consent.YES).withSubsidy(Consent.YES)));
    }

    @Test
    void withoutEPrescriptionsTheFormIsNeitherAskedNorSent() throws Exception {
        LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();
        try (VisitController controller = new VisitController(steps)) {
            controller.addListener(seen::add);
            KioskViewModel model = atConsents(controller, seen);
            model.choosePrescription(PrescriptionForm.ELECTRONIC);
            assertThat(model.prescriptionProperty().get()).isNull();
            for (ConsentItem item : ConsentItem.values()) {
                model.answer(item, true);
            }
            assertThat(model.allAnswered()).isTrue();
            model.submitConsents();
            await(seen, VisitState.SHOWING_RESULT);
        }
        assertThat(confirms).containsExactly(new VisitCommand.Confirm(Consents.all(Consent.YES)));
    }

    @Test
    void shareAllAnswersEveryItemAndEachCanStillBeChangedWhileTheLimitIsNeverAsked() throws Exception {
        LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();
        try (VisitController controller = new VisitController(steps)) {
            controller.addListener(seen::add);
            KioskViewModel model = atConsents(controller, seen);
            model.consentToAll();
            assertThat(model.allAnswered()).isTrue();
            model.answer(ConsentItem.CLINICAL, false);
            model.submitConsents();
            await(seen, VisitState.SHOWING_RESULT);
        }
        assertThat(confirms)
                .containsExactly(new VisitCommand.Confirm(new Consents(
                        Consent.YES, Consent.YES, Consent.YES, Consent.YES, Consent.YES, Consent.YES, Consent.NO)));
    }
}
