package org.uketsuke.app.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.FailureGuide;
import org.uketsuke.eligibility.Qualification;

/**
 * The patient screen. Thin: it only renders {@link KioskViewModel} and forwards touches and keys. Node ids are the
 * contract with the UI tests.
 */
public final class KioskView {

    private final KioskViewModel model;
    private final BorderPane root = new BorderPane();
    private final Label title = label("kioskTitle", "kiosk-title");
    private final Label body = label("kioskBody", "kiosk-body");
    private final Label problem = label("kioskProblem", "kiosk-problem");
    /** What the patient does next after a failure (docs/spec-notes/failures.md, {@link FailureGuide}). */
    private final Label problemNext = label("kioskProblemNext", "kiosk-body");
    /** A second card on another reader while this visit runs: it waits (several readers, the first card wins). */
    private final Label waitingCard = label("kioskWaitingCard", "kiosk-warning");

    private final Label triesLeft = label("pinTriesLeft", "kiosk-body");
    private final Label lastTryWarning = label("pinLastTry", "kiosk-warning");
    private final Label pinDisplay = label("pinDisplay", "pin-display");
    private final Label insurerCaption = label("resultInsurerCaption", "result-label");
    private final Label insurerName = label("resultInsurerName", "result-value");
    private final Label insurerNumberCaption = label("resultInsurerNumberCaption", "result-label");
    private final Label insurerNumber = label("resultInsurerNumber", "result-value");
    private final Label ratioCaption = label("resultRatioCaption", "result-label");
    private final Label ratio = label("resultRatio", "result-value");
    private final Label certificateNotice = label("certificateNotice", "kiosk-warning");
    private final Label medicalAssistance = label("medicalAssistance", "kiosk-body");
    private final Label subsidy = label("medicalSubsidy", "kiosk-body");
    private final Button language = new Button();
    private final ToggleButton largeText = new ToggleButton();
    private final ToggleButton highContrast = new ToggleButton();
    private final ToggleButton voiceGuide = new ToggleButton();
    private final Label pictureCaption = label("idlePictureCaption", "kiosk-caption");
    private final VBox idlePicture = new VBox(8, ReaderPicture.create(), pictureCaption);
    private final Button ok = new Button();
    private final Button clear = new Button();
    private final Button cancel = new Button();
    private final Button face = new Button();
    private final Button visual = new Button();
    private final ToggleButton companion = new ToggleButton();
    private final Button registerYes = new Button();
    private final Button registerNo = new Button();
    private final HBox registration = new HBox(24, registerYes, registerNo);
    private final VBox pinPad;
    private final GridPane result = new GridPane();
    private final GridPane consentPanel = new GridPane();
    private final Map<ConsentItem, Label> consentLabels = new EnumMap<>(ConsentItem.class);
    private final Map<ConsentItem, ToggleButton[]> consentButtons = new EnumMap<>(ConsentItem.class);
    private final Button consentNext = new Button();
    private final Button consentAll = new Button();
    private final Label limitProvided = label("consentLimitProvided", "consent-explanation");
    private ConsentExplanations consentExplanations;
    private SubsidyQuestion subsidyQuestion;
    private FacePathView facePathView;
    private final VBox centre;
    private final VBox consents;
    /** Whether the visit's screens are in the scene ({@link #addVisitScreens}). */
    private boolean visitScreensAdded;

    private Parent facePreviewPane;

    public KioskView(KioskViewModel model) {
        this(model, true);
    }

    /**
     * The kiosk shown on its starting screen (cold start): the visit's screens (PIN pad, consents, registration offer,
     * result, face panes) are built but join the scene only at {@link #addVisitScreens}, or at once when a visit needs
     * them, so the window's first style and layout pass covers the idle screen alone (docs/tuning.md, seventh round).
     */
    static KioskView startingScreen(KioskViewModel model) {
        return new KioskView(model, false);
    }

    private KioskView(KioskViewModel model, boolean visitScreens) {
        this.model = model;
        this.visitScreensAdded = visitScreens;
        language.setId("languageToggle");
        language.getStyleClass().add("language-button");
        language.setOnAction(e -> model.toggleLanguage());
        pinPad = buildPinPad();
        pinPad.setId("pinPad");
        buildResult();
        VBox consents = buildConsents();

        registerYes.setId("registerYes");
        registerNo.setId("registerNo");
        registerYes.getStyleClass().add("consent-button");
        registerNo.getStyleClass().add("consent-button");
        registerYes.setOnAction(e -> model.acceptRegistration());
        registerNo.setOnAction(e -> model.declineRegistration());
        registration.setId("registrationOffer");
        registration.setAlignment(Pos.CENTER);
        this.consents = consents;
        if (model.facePreview() != null) {
            facePreviewPane = new FacePreviewPane(model.facePreview()).root();
            facePreviewPane.setId("faceCheckPreview");
        }
        centre = new VBox(20);
        if (model.facePath() != null) {
            facePathView = new FacePathView(model.facePath());
        }
        centre.getChildren().setAll(screens());
        centre.setAlignment(Pos.TOP_CENTER);
        centre.setPadding(new Insets(16, 40, 24, 40));
        HBox top = new HBox(12, voiceGuide, largeText, highContrast, language);
        buildDisplayModes();
        idlePicture.setAlignment(Pos.CENTER);
        idlePicture.setId("idlePicture");
        top.setAlignment(Pos.TOP_RIGHT);
        top.setPadding(new Insets(16));
        root.setTop(top);
        // Large text at 1024×768 can be taller than the screen: the screen scrolls, so no control is ever off it.
        ScrollPane scroll = new ScrollPane(centre);
        scroll.setId("kioskScroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // A finger's drag (and the mouse's) moves the screen as on a phone; the bar beside it works too.
        scroll.setPannable(true);
        scroll.getStyleClass().add("kiosk-scroll");
        model.snapshotProperty().addListener((obs, was, now) -> {
            if (now.state() != was.state()) {
                scroll.setVvalue(0);
            }
        });
        root.setCenter(scroll);
        root.getStyleClass().add("kiosk-root");
        // On the scene, not the root: with nothing focused, key events target the scene itself.
        root.sceneProperty().addListener((obs, was, scene) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
            }
        });

        pinDisplay.textProperty().bind(model.pinMaskProperty());
        model.snapshotProperty().addListener((obs, was, now) -> {
            render();
            if (now.state() == VisitState.AWAITING_PIN && was.state() != VisitState.AWAITING_PIN) {
                takeKeyboard();
            }
        });
        model.messagesProperty().addListener((obs, was, now) -> render());
        model.cardServiceDownProperty().addListener((obs, was, now) -> render());
        model.startingProperty().addListener((obs, was, now) -> render());
        model.waitingCards.addListener((obs, was, now) -> render());
        render();
    }

    /**
     * The face path's card-front screens, once the model has them: at construction, or after a kiosk shown while
     * starting learns of its terminal's card-front capture. Beside the problem text, as always.
     */
    public void addFacePath() {
        if (model.facePath() != null && facePathView == null) {
            facePathView = new FacePathView(model.facePath());
            centre.getChildren().setAll(screens());
            render();
        }
    }

    /**
     * The visit's screens join the scene (hidden until their step): after the kiosk is attached, or when a visit first
     * needs them, whichever comes first. Idempotent.
     */
    void addVisitScreens() {
        if (!visitScreensAdded) {
            visitScreensAdded = true;
            // Their texts and visibility are rendered already: render() keeps every screen current, in the scene or
            // not.
            centre.getChildren().setAll(screens());
        }
    }

    /** The centre's screens top to bottom: the idle screen's always, the visit's once added. */
    private List<Node> screens() {
        List<Node> screens = new ArrayList<>(List.of(title, body, idlePicture, waitingCard));
        if (visitScreensAdded && facePreviewPane != null) {
            screens.add(facePreviewPane);
        }
        screens.add(problem);
        if (visitScreensAdded && facePathView != null) {
            screens.add(facePathView.root());
        }
        screens.add(problemNext);
        if (visitScreensAdded) {
            screens.addAll(List.of(pinPad, consents, registration, result));
        }
        screens.addAll(List.of(medicalAssistance, subsidy, certificateNotice));
        return screens;
    }

    public Parent root() {
        return root;
    }

    /** The patient's own display modes: style classes on the root, so every screen follows (kiosk.css). */
    private void buildDisplayModes() {
        largeText.setId("largeTextToggle");
        highContrast.setId("highContrastToggle");
        for (ToggleButton b : new ToggleButton[] {largeText, highContrast}) {
            b.getStyleClass().add("language-button");
        }
        largeText.setOnAction(e -> model.toggleLargeText());
        highContrast.setOnAction(e -> model.toggleHighContrast());
        mode(model.largeText, largeText, "large-text");
        mode(model.highContrast, highContrast, "high-contrast");
        voiceGuide.setId("voiceGuideToggle");
        voiceGuide.getStyleClass().add("language-button");
        voiceGuide.setSelected(model.voiceGuide.get());
        voiceGuide.setOnAction(e -> model.toggleVoiceGuide());
        model.voiceGuide.addListener((o, was, now) -> voiceGuide.setSelected(now));
        model.speechOffered.addListener((o, was, now) -> render());
    }

    private void mode(BooleanProperty on, ToggleButton button, String styleClass) {
        on.addListener((o, was, now) -> {
            button.setSelected(now);
            if (now) {
                root.getStyleClass().add(styleClass);
            } else {
                root.getStyleClass().remove(styleClass);
            }
        });
    }

    private VBox buildPinPad() {
        GridPane keys = new GridPane(12, 12);
        keys.setAlignment(Pos.CENTER);
        for (int digit = 0; digit <= 9; digit++) {
            Button key = new Button(Integer.toString(digit));
            key.setId("pinKey" + digit);
            key.getStyleClass().add("pin-key");
            int d = digit;
            key.setOnAction(e -> model.pressDigit(d));
            int position = digit == 0 ? 10 : digit - 1;
            keys.add(key, position == 10 ? 1 : position % 3, position / 3);
        }
        ok.setId("pinOk");
        clear.setId("pinClear");
        cancel.setId("pinCancel");
        for (Button b : new Button[] {ok, clear, cancel}) {
            b.getStyleClass().add("pin-action");
        }
        ok.setOnAction(e -> model.submitPin());
        ok.disableProperty().bind(model.pinMaskProperty().length().lessThan(KioskViewModel.PIN_LENGTH));
        clear.setOnAction(e -> model.clearPin());
        cancel.setOnAction(e -> model.cancel());
        face.setId("chooseFace");
        face.getStyleClass().add("pin-action");
        face.setOnAction(e -> model.chooseFace());
        visual.setId("requestVisual");
        visual.getStyleClass().add("pin-action");
        visual.setOnAction(e -> model.requestVisualCheck());
        // Only the identity checks this terminal offers (its configuration; the face check also needs 照合番号B).
        // A phone has no photo to check; a face-only card (and an iPhone) has no PIN for the pad, nor for a companion
        // to
        // type.
        face.visibleProperty().bind(model.faceOffered.and(model.photoOnTheCard));
        face.managedProperty().bind(face.visibleProperty());
        visual.visibleProperty().bind(model.visualOffered.and(model.photoOnTheCard));
        visual.managedProperty().bind(visual.visibleProperty());
        companion.setId("pinByCompanion");
        companion.getStyleClass().add("pin-action");
        companion.setOnAction(e -> model.toggleByCompanion());
        model.byCompanion.addListener((o, was, now) -> companion.setSelected(now));
        HBox actions = new HBox(16, cancel, clear, ok);
        actions.setAlignment(Pos.CENTER_LEFT);
        // Landscape kiosk: what was typed and the actions on the left, the keys on the right.
        VBox left = new VBox(16, triesLeft, lastTryWarning, pinDisplay, actions, new HBox(16, face, visual), companion);
        left.setAlignment(Pos.CENTER_LEFT);
        keys.setId("pinKeys");
        for (Node typing : new Node[] {keys, triesLeft, pinDisplay, clear, ok, companion}) {
            typing.visibleProperty().bind(model.pinOnTheKiosk);
            typing.managedProperty().bind(model.pinOnTheKiosk);
        }
        HBox pad = new HBox(48, left, keys);
        pad.setAlignment(Pos.CENTER);
        return new VBox(pad);
    }

    private VBox buildConsents() {
        consentPanel.setId("consentPanel");
        consentPanel.setHgap(16);
        consentPanel.setVgap(6);
        int row = 0;
        for (ConsentItem item : ConsentItem.values()) {
            Label question = label("consentLabel" + item, "consent-question");
            ToggleButton yes = new ToggleButton();
            ToggleButton no = new ToggleButton();
            String id = item.name().toLowerCase(Locale.ROOT);
            yes.setId("consent-" + id + "-yes");
            no.setId("consent-" + id + "-no");
            ToggleGroup group = new ToggleGroup();
            for (ToggleButton b : new ToggleButton[] {yes, no}) {
                b.setToggleGroup(group);
                b.getStyleClass().add("consent-answer");
            }
            yes.setOnAction(e -> model.answer(item, true));
            no.setOnAction(e -> model.answer(item, false));
            consentLabels.put(item, question);
            consentButtons.put(item, new ToggleButton[] {yes, no});
            consentPanel.addRow(row++, question, yes, no);
        }
        consentExplanations = new ConsentExplanations(model, consentPanel, row++, this::renderConsents);
        subsidyQuestion = new SubsidyQuestion(model, consentPanel, row++, this::renderConsents);
        consentNext.setId("consentNext");
        consentNext.getStyleClass().add("pin-action");
        consentNext.setOnAction(e -> model.submitConsents());
        model.consents().addListener((MapChangeListener<ConsentItem, Boolean>) change -> renderConsents());
        consentAll.setId("consentAll");
        consentAll.getStyleClass().add("consent-all");
        consentAll.setOnAction(e -> model.consentToAll());
        // 包括同意 beside "next": one touch to share everything and go on, without a taller screen.
        HBox actions = new HBox(24, consentAll, consentNext);
        actions.setAlignment(Pos.CENTER);
        VBox box = new VBox(8, consentPanel, limitProvided, consentExplanations.area(), actions);
        box.setId("consentBox");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private void renderConsents() {
        consentButtons.forEach((item, buttons) -> {
            Boolean answer = model.consents().get(item);
            buttons[0].setSelected(Boolean.TRUE.equals(answer));
            buttons[1].setSelected(Boolean.FALSE.equals(answer));
        });
        consentNext.setDisable(!model.allAnswered());
    }

    private void buildResult() {
        result.setId("resultPanel");
        result.setHgap(24);
        result.setVgap(12);
        result.setAlignment(Pos.CENTER);
        result.addRow(0, insurerCaption, insurerName);
        result.addRow(1, insurerNumberCaption, insurerNumber);
        result.addRow(2, ratioCaption, ratio);
    }

    /** A USB keypad at the counter types into the kiosk, even right after staff clicked their own window. */
    private void takeKeyboard() {
        if (root.getScene() != null && root.getScene().getWindow() != null) {
            root.getScene().getWindow().requestFocus();
            root.requestFocus();
        }
    }

    private void onKey(KeyEvent event) {
        KeyCode code = event.getCode();
        if (code.isDigitKey()) {
            // DIGIT0–9 and NUMPAD0–9: the digit is the last character of the key's name.
            String name = code.name();
            model.pressDigit(name.charAt(name.length() - 1) - '0');
        } else if (code == KeyCode.ENTER) {
            model.submitPin();
        } else if (code == KeyCode.BACK_SPACE) {
            model.clearPin();
        } else if (code == KeyCode.ESCAPE) {
            model.cancel();
        } else {
            return;
        }
        event.consume();
    }

    private void render() {
        Messages m = model.messagesProperty().get();
        VisitSnapshot s = model.snapshotProperty().get();
        VisitState state = s.state();
        if (state != VisitState.IDLE) {
            addVisitScreens(); // a card placed right at ready: its screen is there before it is drawn
        }
        language.setText(m.get("kiosk.language"));
        largeText.setText(m.get("kiosk.largeText"));
        highContrast.setText(m.get("kiosk.highContrast"));
        show(largeText, state == VisitState.IDLE || model.largeText.get());
        show(highContrast, state == VisitState.IDLE || model.highContrast.get());
        voiceGuide.setText(m.get("kiosk.voiceGuide"));
        show(voiceGuide, model.speechOffered.get());
        // No picture of a card on the reader while the kiosk is still starting: it cannot read one yet.
        show(idlePicture, state == VisitState.IDLE && !model.startingProperty().get());
        pictureCaption.setText(m.get("state.IDLE.picture"));
        title.setText(m.get(model.screenKey() + ".title"));
        body.setText(m.get(model.screenKey() + ".body"));
        ok.setText(m.get("pin.ok"));
        clear.setText(m.get("pin.clear"));
        cancel.setText(m.get("pin.cancel"));
        face.setText(m.get("pin.face"));
        visual.setText(m.get("pin.visual"));
        companion.setText(m.get("pin.byCompanion"));

        // The consent screen's questions (2024 items, the prescription form, the explanation line and the buttons)
        // need the whole height of a 1024×768 kiosk: its title says what is asked, the explanation line the rest.
        show(body, state != VisitState.ASKING_CONSENTS);
        List<String> waiting = model.waitingCards.get();
        show(waitingCard, !waiting.isEmpty());
        waitingCard.setText(waiting.isEmpty() ? "" : m.get("kiosk.cardWaiting", String.join(", ", waiting)));
        show(problem, s.problem().isPresent());
        s.problem().ifPresent(p -> problem.setText(m.get("problem." + p)));
        Optional<FailureGuide> guide =
                s.problem().filter(p -> state == VisitState.SHOWING_PROBLEM).map(FailureGuide::of);
        show(problemNext, guide.isPresent());
        problemNext.setText(guide.map(g -> m.get("failure.kiosk." + g)).orElse(""));

        show(pinPad, state == VisitState.AWAITING_PIN);
        show(registration, state == VisitState.OFFERING_REGISTRATION);
        registerYes.setText(m.get("registration.yes"));
        registerNo.setText(m.get("registration.no"));
        show(consentPanel.getParent(), state == VisitState.ASKING_CONSENTS);
        consentLabels.forEach((item, label) -> label.setText(m.get("consent." + item)));
        consentButtons.values().forEach(buttons -> {
            buttons[0].setText(m.get("consent.yes"));
            buttons[1].setText(m.get("consent.no"));
        });
        consentNext.setText(m.get("consent.next"));
        consentAll.setText(m.get("consent.all"));
        limitProvided.setText(m.get("consent.limitProvided"));
        consentExplanations.render();
        subsidyQuestion.render();
        renderConsents();
        triesLeft.setText(s.pinTriesLeft() >= 0 ? m.get("pin.triesLeft", s.pinTriesLeft()) : "");
        show(lastTryWarning, s.lastPinTry());
        lastTryWarning.setText(m.get("pin.lastTry"));

        if (facePathView != null) {
            facePathView.render(m, s);
        }
        if (facePreviewPane != null) {
            show(facePreviewPane, state == VisitState.MATCHING_FACE);
        }
        show(result, s.result().isPresent());
        Optional<String> notice =
                s.result().isPresent() ? CertificateNotices.forPatient(m, s.card()) : Optional.empty();
        show(certificateNotice, notice.isPresent());
        certificateNotice.setText(notice.orElse(""));
        Optional<String> assistance = s.result().flatMap(r -> MedicalAssistanceTexts.of(m, r.qualification()));
        show(medicalAssistance, assistance.isPresent());
        medicalAssistance.setText(assistance.orElse(""));
        Optional<String> subsidyText = s.result().flatMap(r -> SubsidyTexts.forPatient(m, r.qualification()));
        show(subsidy, subsidyText.isPresent());
        subsidy.setText(subsidyText.orElse(""));
        insurerCaption.setText(m.get("result.insurer"));
        insurerNumberCaption.setText(m.get("result.insurerNumber"));
        ratioCaption.setText(m.get("result.ratio"));
        if (s.result().isPresent()) {
            Qualification q = s.result().get().qualification();
            insurerName.setText(q.insurerName());
            insurerNumber.setText(q.card().insurer().value().strip());
            ratio.setText(m.get("result.ratioValue", q.contributionRatio().percent() / 10));
        } else {
            // Nothing of the previous patient survives into the next screen.
            insurerName.setText("");
            insurerNumber.setText("");
            ratio.setText("");
        }
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    private static Label label(String id, String styleClass) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        // Wrap instead of cutting text off: a bounded width and a height that grows with the lines.
        label.setMaxWidth(styleClass.equals("consent-question") ? 560 : 940);
        if (!styleClass.equals("consent-question")) {
            label.setAlignment(Pos.CENTER);
            label.setTextAlignment(TextAlignment.CENTER);
        }
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
