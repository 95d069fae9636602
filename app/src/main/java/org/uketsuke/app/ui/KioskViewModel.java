package org.uketsuke.app.ui;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.uketsuke.app.flow.CardKind;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.CardServiceState;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;

/**
 * The patient screen's state: the visit snapshot, the chosen language and the PIN being typed. No scene-graph types;
 * tested as plain Java. Must be touched on the FX thread only ({@link #show} is called through Platform.runLater).
 */
public final class KioskViewModel {

    public static final int PIN_LENGTH = 4;

    /** Null while the kiosk shows its starting screen, before the terminal is attached. */
    private VisitController controller;

    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<VisitSnapshot> snapshot = new ReadOnlyObjectWrapper<>(VisitSnapshot.idle());
    private final ObjectProperty<Messages> messages;
    private final ReadOnlyStringWrapper pinMask = new ReadOnlyStringWrapper("");
    private final StringBuilder pin = new StringBuilder(PIN_LENGTH);
    private final ObservableMap<ConsentItem, Boolean> consents =
            FXCollections.observableMap(new EnumMap<>(ConsentItem.class));

    private Supplier<String> collationNumberB;
    /** Whether the clinic issues e-prescriptions, so the consent screen also asks the prescription form. */
    private final BooleanProperty prescriptionChoiceEnabled = new SimpleBooleanProperty(false);

    private final ObjectProperty<PrescriptionForm> prescription = new SimpleObjectProperty<>();

    /** Whether the clinic takes part in PMH, so the consent screen also asks about the 医療費助成 受給者証. */
    private final BooleanProperty subsidyQuestionEnabled = new SimpleBooleanProperty(false);

    /** The answer to the PMH question so far: true use, false do not use, null unanswered. */
    private final ObjectProperty<Boolean> subsidyAnswer = new SimpleObjectProperty<>();

    /**
     * @param collationNumberB where 照合番号B comes from when the patient picks the face check (the demo card's; the
     *     card-front camera reading or manual entry on a counter)
     */
    public KioskViewModel(VisitController controller, Messages messages, Supplier<String> collationNumberB) {
        this.controller = controller;
        this.collationNumberB = collationNumberB;
        this.messages = new SimpleObjectProperty<>(messages);
    }

    /**
     * A kiosk shown before its terminal exists (the cold start builds and shows the windows while the terminal
     * starts, docs/tuning.md): it says it is starting, offers nothing to do with a card, and becomes the idle kiosk at
     * {@link #attach}.
     */
    public static KioskViewModel starting(Messages messages) {
        KioskViewModel model = new KioskViewModel(null, messages, () -> null);
        model.starting.set(true);
        return model;
    }

    /**
     * The terminal has started (its card watcher runs): the kiosk leaves its starting screen and follows the visit.
     * FX thread only; the controller's current snapshot reaches {@link #show} through the caller's subscription.
     */
    public void attach(VisitController visits, Supplier<String> collationNumberB) {
        if (controller != null) {
            throw new IllegalStateException("the kiosk is attached to a terminal already");
        }
        this.controller = visits;
        this.collationNumberB = collationNumberB;
        starting.set(false);
    }

    /** Whether the kiosk still waits for its terminal (then its screen says so and a card is read only afterwards). */
    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VisitSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ObjectProperty<Messages> messagesProperty() {
        return messages;
    }

    /** Whether the PIN screen offers the face check and the staff's visual check (all offered in the demo). */
    public final BooleanProperty faceOffered = new SimpleBooleanProperty(true);

    public final BooleanProperty visualOffered = new SimpleBooleanProperty(true);

    /** Whether the presented card has a PIN typed on the kiosk (not a face-only card, not an iPhone). */
    public final BooleanProperty pinOnTheKiosk = new SimpleBooleanProperty(true);

    /** Whether the presented card has a photo for the face check or the staff's check (not a phone). */
    public final BooleanProperty photoOnTheCard = new SimpleBooleanProperty(true);

    /** The identity checks besides the PIN this terminal offers. */
    public void offer(boolean face, boolean visual) {
        faceOffered.set(face);
        visualOffered.set(visual);
    }

    public ReadOnlyStringProperty pinMaskProperty() {
        return pinMask.getReadOnlyProperty();
    }

    /** The answers given so far on the consent screen; an item without an entry is unanswered. */
    public ObservableMap<ConsentItem, Boolean> consents() {
        return consents;
    }

    /** A new snapshot from the controller; a new state always starts with an empty PIN pad and no answers. */
    public void show(VisitSnapshot next) {
        VisitSnapshot before = snapshot.get();
        if (next.state() != before.state() || next.pinTriesLeft() != before.pinTriesLeft()) {
            clearPin();
        }
        if (next.state() != before.state()) {
            consents.clear();
            prescription.set(null);
            subsidyAnswer.set(null);
        }
        if (next.state() == VisitState.IDLE && before.state() != VisitState.IDLE) {
            // The next patient starts with the ordinary screen; their own choice is made on the first screen.
            largeText.set(false);
            highContrast.set(false);
            byCompanion.set(false);
        }
        if (facePath != null) {
            facePath.show(next);
        }
        pinOnTheKiosk.set(next.card().kind().pinOnTheKiosk());
        photoOnTheCard.set(next.card().kind().photoOnTheCard());
        snapshot.set(next);
        if (next.state() == VisitState.IDLE) {
            // After the first screen is set, so that switching speech back on never speaks the step just left.
            voiceGuide.set(true);
        }
    }

    private final ReadOnlyBooleanWrapper cardServiceDown = new ReadOnlyBooleanWrapper(false);

    /** Whether the card service is down: then the welcome screen says so instead of inviting a card. */
    public ReadOnlyBooleanProperty cardServiceDownProperty() {
        return cardServiceDown.getReadOnlyProperty();
    }

    /** Readers whose card waits while another reader's card is in use: the kiosk says to wait or take it off. */
    public final ObjectProperty<List<String>> waitingCards = new SimpleObjectProperty<>(List.of());

    /** FX thread only. */
    public void showWaitingCards(List<String> readers) {
        waitingCards.set(List.copyOf(readers));
    }

    /** The card service went away or came back (the screen follows by itself). */
    public void showCardService(CardServiceState state) {
        cardServiceDown.set(state instanceof CardServiceState.Down);
    }

    /** The message key of the screen's title ({@code .title}) and text ({@code .body}) for the state shown. */
    public String screenKey() {
        VisitSnapshot now = snapshot.get();
        VisitState state = now.state();
        if (starting.get()) {
            return "kiosk.starting";
        }
        if (state == VisitState.IDLE && cardServiceDown.get()) {
            return "kiosk.cardServiceDown";
        }
        // A face-only card or an Android phone is told what its proof screen offers.
        if (state == VisitState.AWAITING_PIN && now.card().kind() != CardKind.MY_NUMBER_CARD) {
            return "kiosk.card." + now.card().kind();
        }
        return "state." + state;
    }

    /** Larger text and high contrast, switched by the patient on the first screen (off for each new patient). */
    public final BooleanProperty largeText = new SimpleBooleanProperty(false);

    public final BooleanProperty highContrast = new SimpleBooleanProperty(false);

    /** Whether this kiosk speaks its guidance ({@code kiosk.speech} not off): then the first screen offers 音声案内. */
    public final BooleanProperty speechOffered = new SimpleBooleanProperty(false);

    /** The patient's 音声案内 switch: on for each new patient where speech is offered; off silences this visit. */
    public final BooleanProperty voiceGuide = new SimpleBooleanProperty(true);

    public void toggleVoiceGuide() {
        voiceGuide.set(!voiceGuide.get());
    }

    /** Someone with the patient (family, carer) types the PIN for them; the visit records it (介助者). */
    public final BooleanProperty byCompanion = new SimpleBooleanProperty(false);

    public void toggleByCompanion() {
        if (snapshot.get().state() == VisitState.AWAITING_PIN) {
            byCompanion.set(!byCompanion.get());
        }
    }

    public void toggleLargeText() {
        largeText.set(!largeText.get());
    }

    public void toggleHighContrast() {
        highContrast.set(!highContrast.get());
    }

    public void toggleLanguage() {
        messages.set(messages.get().other());
    }

    public void pressDigit(int digit) {
        if (snapshot.get().state() != VisitState.AWAITING_PIN || pin.length() >= PIN_LENGTH || !pinOnTheKiosk.get()) {
            return;
        }
        pin.append((char) ('0' + digit));
        pinMask.set("●".repeat(pin.length()));
    }

    public void clearPin() {
        // Overwrite before shortening: setLength alone leaves the digits in the builder's array.
        for (int i = 0; i < pin.length(); i++) {
            pin.setCharAt(i, '\0');
        }
        pin.setLength(0);
        pinMask.set("");
    }

    public boolean pinComplete() {
        return pin.length() == PIN_LENGTH;
    }

    /** Sends the PIN once, when complete; never retried automatically. */
    public void submitPin() {
        if (!pinComplete() || snapshot.get().state() != VisitState.AWAITING_PIN) {
            return;
        }
        char[] entered = new char[pin.length()];
        pin.getChars(0, pin.length(), entered, 0);
        clearPin();
        VisitEvent.PinEntered event = new VisitEvent.PinEntered(Pin.of(entered), byCompanion.get());
        Arrays.fill(entered, '\0');
        controller.fire(event);
    }

    public void answer(ConsentItem item, boolean yes) {
        if (snapshot.get().state() == VisitState.ASKING_CONSENTS) {
            consents.put(item, yes);
        }
    }

    /**
     * 包括同意: "share all my medical information" answers every item yes at once; each can still be changed before
     * "next" (the per-item choice of the 2024-10-07 screen).
     */
    public void consentToAll() {
        if (snapshot.get().state() == VisitState.ASKING_CONSENTS) {
            for (ConsentItem item : ConsentItem.values()) {
                consents.put(item, true);
            }
        }
    }

    public boolean allAnswered() {
        return consents.size() == ConsentItem.values().length
                && (!prescriptionChoiceEnabled.get() || prescription.get() != null)
                && (!subsidyQuestionEnabled.get() || subsidyAnswer.get() != null);
    }

    /** On when the clinic takes part in PMH (a setting; on in the demo): 「医療費助成の各種受給者証を利用しますか」. */
    public BooleanProperty subsidyQuestionEnabledProperty() {
        return subsidyQuestionEnabled;
    }

    public ReadOnlyObjectProperty<Boolean> subsidyAnswerProperty() {
        return subsidyAnswer;
    }

    /** The patient's answer to the PMH question; not part of 包括同意, which shares medical information. */
    public void answerSubsidy(boolean use) {
        if (subsidyQuestionEnabled.get() && snapshot.get().state() == VisitState.ASKING_CONSENTS) {
            subsidyAnswer.set(use);
        }
    }

    /** On when the clinic issues e-prescriptions (a setting; on in the demo). */
    public BooleanProperty prescriptionChoiceEnabledProperty() {
        return prescriptionChoiceEnabled;
    }

    /** The prescription form chosen so far on the consent screen, or null. */
    public ReadOnlyObjectProperty<PrescriptionForm> prescriptionProperty() {
        return prescription;
    }

    public void choosePrescription(PrescriptionForm choice) {
        if (prescriptionChoiceEnabled.get() && snapshot.get().state() == VisitState.ASKING_CONSENTS && choice != null) {
            prescription.set(choice);
        }
    }

    /** Sends the answers once every item has one (no default: the patient chooses each). */
    public void submitConsents() {
        if (!allAnswered() || snapshot.get().state() != VisitState.ASKING_CONSENTS) {
            return;
        }
        Consents answered = Consents.answered(
                answer(ConsentItem.DRUG),
                answer(ConsentItem.CHECKUP),
                answer(ConsentItem.TREATMENT),
                answer(ConsentItem.OPERATION),
                answer(ConsentItem.CLINICAL),
                answer(ConsentItem.SPECIFIC_DISEASE));
        controller.fire(new VisitEvent.ConsentsGiven(
                subsidyQuestionEnabled.get()
                        ? answered.withSubsidy(subsidyAnswer.get() ? Consent.YES : Consent.NO)
                        : answered,
                prescriptionChoiceEnabled.get() ? Optional.ofNullable(prescription.get()) : Optional.empty()));
    }

    private Consent answer(ConsentItem item) {
        return consents.get(item) ? Consent.YES : Consent.NO;
    }

    /** The PIN-less path instead of the PIN: the card-front capture when the kiosk has one, else the given digits. */
    public void chooseFace() {
        if (snapshot.get().state() == VisitState.AWAITING_PIN) {
            clearPin();
            controller.fire(
                    facePath != null
                            ? new VisitEvent.FacePathChosen()
                            : new VisitEvent.FaceChosen(new CollationNumberB(collationNumberB.get())));
        }
    }

    // --- the face path at the counter (issue #10) ---
    private FacePreviewViewModel facePreview;

    /** The live picture with guidance while the face check runs. */
    public KioskViewModel withFacePreview(FacePreviewViewModel model) {
        this.facePreview = model;
        return this;
    }

    public FacePreviewViewModel facePreview() {
        return facePreview;
    }

    private FacePathModel facePath;

    /** Enables the card-front capture and manual entry of 照合番号B on the face path. */
    public KioskViewModel withFacePath(FacePathModel model) {
        this.facePath = model;
        return this;
    }

    /** The face path's screens, or null when the kiosk takes 照合番号B from elsewhere. */
    public FacePathModel facePath() {
        return facePath;
    }

    /** The patient asks the reception staff to check the card photo (目視確認). */
    public void requestVisualCheck() {
        if (snapshot.get().state() == VisitState.AWAITING_PIN) {
            clearPin();
            controller.fire(new VisitEvent.VisualCheckRequested());
        }
    }

    /** 保険証利用登録 offered: the patient registers the card now. */
    public void acceptRegistration() {
        if (snapshot.get().state() == VisitState.OFFERING_REGISTRATION) {
            controller.fire(new VisitEvent.RegistrationAccepted());
        }
    }

    public void declineRegistration() {
        if (snapshot.get().state() == VisitState.OFFERING_REGISTRATION) {
            controller.fire(new VisitEvent.RegistrationDeclined());
        }
    }

    public void cancel() {
        clearPin();
        if (controller == null) {
            return; // still starting: there is no visit to cancel
        }
        controller.fire(new VisitEvent.Cancelled());
    }
}
