package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.flow.SampleConfirmation;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.app.reception.VisitSteps;
import org.uketsuke.app.speech.GuidanceLine;
import org.uketsuke.app.speech.SpokenGuidance;
import org.uketsuke.eligibility.Qualification;

/**
 * The kiosk's spoken guidance through the port, on a real visit controller with a test persona: one line per step, the
 * bundle's own texts only (no name, number or birth date), silence when the visit ends or the patient switches it off.
 */
class KioskSpeechTest {

    /** What the port was told, in order: a line said, or STOP. */
    private final List<Object> told = new CopyOnWriteArrayList<>();

    private final SpokenGuidance capture = new SpokenGuidance() {
        @Override
        public void say(GuidanceLine line) {
            told.add(line);
        }

        @Override
        public void stop() {
            told.add("STOP");
        }
    };

    private final VisitSteps steps = command -> switch (command) {
        case VisitCommand.ReadCard _ -> Optional.of(new VisitEvent.CardReady(3));
        case VisitCommand.VerifyPin _ -> Optional.of(new VisitEvent.PinVerified());
        case VisitCommand.Confirm _ -> Optional.of(new VisitEvent.Confirmed(SampleConfirmation.CONFIRMED));
        case VisitCommand.MatchFace _,
                VisitCommand.RecordVisualCheck _,
                VisitCommand.EndVisit _,
                VisitCommand.RegisterCard _ -> Optional.empty();
    };

    /** Shows the kiosk every snapshot up to {@code state}, as the FX thread does. */
    private static void showUntil(LinkedBlockingQueue<VisitSnapshot> seen, KioskViewModel model, VisitState state)
            throws InterruptedException {
        while (true) {
            VisitSnapshot s = seen.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("never reached " + state);
            }
            model.show(s);
            if (s.state() == state) {
                return;
            }
        }
    }

    private static List<String> keys(List<Object> told) {
        return told.stream()
                .map(t -> t instanceof GuidanceLine l
                        ? l.key() + "/" + l.language().getLanguage()
                        : t.toString())
                .toList();
    }

    private final LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();

    /** A kiosk on {@code controller} with speech {@code setting}, at the PIN screen of a card just placed. */
    private KioskViewModel atPin(VisitController controller, Locale screen, UketsukeConfig.Speech setting)
            throws InterruptedException {
        controller.addListener(seen::add);
        KioskViewModel model = new KioskViewModel(controller, new Messages(screen), () -> "");
        KioskSpeech.follow(model, setting, capture);
        assertThat(told).as("nothing is said to an empty counter").isEmpty();
        controller.fire(new VisitEvent.CardPlaced());
        showUntil(seen, model, VisitState.AWAITING_PIN);
        return model;
    }

    @Test
    void aVisitIsGuidedStepByStepInThePatientsLanguageWithoutPersonalValuesAndFallsSilentAtTheEnd() throws Exception {
        try (VisitController controller = new VisitController(steps)) {
            KioskViewModel model = atPin(controller, Messages.JAPANESE, UketsukeConfig.Speech.AUTO);
            assertThat(model.speechOffered.get()).isTrue();
            model.toggleLanguage();
            controller.fire(new VisitEvent.PinEntered("1234"));
            showUntil(seen, model, VisitState.ASKING_CONSENTS);
            model.consentToAll();
            model.submitConsents();
            showUntil(seen, model, VisitState.SHOWING_RESULT);
            assertThat(model.snapshotProperty().get().result())
                    .as("the result screen has the persona")
                    .isPresent();
            controller.fire(new VisitEvent.CardRemoved());
            showUntil(seen, model, VisitState.IDLE);
        }
        assertThat(keys(told))
                .containsSubsequence(
                        "state.AWAITING_PIN/ja",
                        "state.AWAITING_PIN/en",
                        "state.ASKING_CONSENTS/en",
                        "state.SHOWING_RESULT/en",
                        "STOP")
                .endsWith("STOP")
                .doesNotHaveDuplicates();
        Qualification persona = SampleConfirmation.CONFIRMED.qualification();
        List<String> personal = List.of(
                persona.name(),
                "花子",
                persona.nameKana(),
                "ﾊﾅｺ",
                persona.insurerName(),
                persona.card().insurer().value(),
                "345",
                "1980",
                "05-05",
                "3割",
                "30%");
        for (Object t : told) {
            if (t instanceof GuidanceLine line) {
                Messages m = new Messages(line.language());
                assertThat(line).isEqualTo(KioskSpeech.line(m, line.key()));
                for (String value : personal) {
                    assertThat(line.text()).as(line.key()).doesNotContain(value);
                }
            }
        }
    }

    @Test
    void aFixedLanguageIgnoresTheToggleAndThePatientsSwitchSilencesTheVisitUntilTheNextPatient() throws Exception {
        try (VisitController controller = new VisitController(steps)) {
            KioskViewModel model = atPin(controller, Messages.ENGLISH, UketsukeConfig.Speech.JA);
            model.toggleLanguage();
            model.toggleVoiceGuide();
            controller.fire(new VisitEvent.PinEntered("1234"));
            showUntil(seen, model, VisitState.ASKING_CONSENTS);
            model.cancel();
            showUntil(seen, model, VisitState.IDLE);
            assertThat(model.voiceGuide.get())
                    .as("on again for the next patient")
                    .isTrue();
        }
        assertThat(keys(told))
                .as("Japanese whatever the screen's language; nothing after the patient's switch, even at the end")
                .containsExactly("state.READING_CARD/ja", "state.AWAITING_PIN/ja", "STOP");
    }

    @Test
    void offSaysNothingAndOffersNoSwitch() throws Exception {
        try (VisitController controller = new VisitController(steps)) {
            KioskViewModel model = atPin(controller, Messages.JAPANESE, UketsukeConfig.Speech.OFF);
            assertThat(model.speechOffered.get()).isFalse();
        }
        assertThat(told).isEmpty();
    }
}
