package org.uketsuke.app.ui;

import java.time.chrono.JapaneseEra;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;

/**
 * The face path's panes on the kiosk (issue #10): card-front capture (live preview with the frame to hold the card in,
 * and what to do), manual entry of the card-front digits, and the way out to PIN or the staff's check after a
 * face-path failure. Renders {@link FacePathModel} only. Node ids are the contract with the UI tests.
 */
final class FacePathView {

    private final FacePathModel model;
    private final HBox root = new HBox(32);
    private final VBox capturePane = new VBox(12);
    private final GridPane entryPane = new GridPane();
    private final ImageView preview = new ImageView();
    private final Label hint = label("captureHint", "kiosk-body");
    private final Label validation = label("entryValidation", "kiosk-warning");
    private final Label collationTries = label("collationTriesLeft", "kiosk-body");
    private final Label lastCollationTry = label("collationLastTry", "kiosk-warning");
    private final ToggleButton wareki = new ToggleButton();
    private final ToggleButton western = new ToggleButton();
    private final ComboBox<JapaneseEra> era = new ComboBox<>();
    private final TextField year = field("entryBirthYear", 4);
    private final TextField month = field("entryBirthMonth", 2);
    private final TextField day = field("entryBirthDay", 2);
    private final TextField expiry = field("entryExpiryYear", 4);
    private final TextField code = field("entrySecurityCode", 4);
    private final Label yearCaption = label("entryBirthCaption", "consent-question");
    private final Label expiryCaption = label("entryExpiryCaption", "consent-question");
    private final Label codeCaption = label("entryCodeCaption", "consent-question");
    private final Button submit = button("entrySubmit");
    private final Button toManual = button("captureManual");
    private final Button toCamera = button("entryCamera");
    private final Button toPin = button("facePathPin");
    private final Button toStaff = button("facePathStaff");
    private final VBox ways = new VBox(12);
    private Messages messages;

    FacePathView(FacePathModel model) {
        this.model = model;
        root.setId("facePath");
        root.setAlignment(Pos.TOP_CENTER);

        preview.setId("capturePreview");
        preview.setFitWidth(480);
        preview.setPreserveRatio(true);
        preview.imageProperty().bind(PreviewImages.following(model.previewProperty()));
        // The on-screen frame the card is held inside (about where the reader looks for it).
        Rectangle guide = new Rectangle(330, 208);
        guide.setId("captureGuide");
        guide.setFill(null);
        guide.setStroke(Color.web("#2f7d32"));
        guide.setStrokeWidth(3);
        guide.getStrokeDashArray().addAll(12.0, 8.0);
        StackPane camera = new StackPane(new Rectangle(480, 270, Color.web("#222")), preview, guide);
        camera.setMaxWidth(480);
        capturePane.getChildren().addAll(camera, hint);
        capturePane.setAlignment(Pos.CENTER);
        capturePane.setId("capturePane");
        toManual.setOnAction(e -> model.chooseManualEntry());

        ToggleGroup calendar = new ToggleGroup();
        wareki.setId("entryWareki");
        western.setId("entryWestern");
        for (ToggleButton b : new ToggleButton[] {wareki, western}) {
            b.setToggleGroup(calendar);
            b.getStyleClass().add("consent-answer");
        }
        wareki.setOnAction(e -> model.westernProperty().set(false));
        western.setOnAction(e -> model.westernProperty().set(true));
        era.setId("entryEra");
        era.setMinWidth(150);
        era.getItems().setAll(FacePathModel.ERAS);
        era.valueProperty().bindBidirectional(model.eraProperty());
        year.textProperty().bindBidirectional(model.birthYearProperty());
        month.textProperty().bindBidirectional(model.birthMonthProperty());
        day.textProperty().bindBidirectional(model.birthDayProperty());
        expiry.textProperty().bindBidirectional(model.expiryYearProperty());
        code.textProperty().bindBidirectional(model.securityCodeProperty());
        entryPane.setId("entryPane");
        entryPane.setHgap(12);
        entryPane.setVgap(10);
        entryPane.setAlignment(Pos.CENTER);
        entryPane.addRow(0, new Label(), new HBox(8, wareki, western));
        entryPane.addRow(1, yearCaption, new HBox(8, era, year, new Label("/"), month, new Label("/"), day));
        entryPane.addRow(2, expiryCaption, expiry);
        entryPane.addRow(3, codeCaption, code);
        entryPane.add(new VBox(6, collationTries, lastCollationTry, validation, submit), 1, 4);
        submit.setOnAction(e -> model.submit());
        toCamera.setOnAction(e -> model.chooseCamera());
        toPin.setOnAction(e -> model.choosePin());
        toStaff.setOnAction(e -> model.chooseStaffCheck());
        ways.setAlignment(Pos.CENTER_LEFT);
        ways.getChildren().addAll(toManual, toCamera, toPin, toStaff);

        // Side by side: the landscape kiosk has width to spare, not height.
        root.getChildren().addAll(new VBox(capturePane, entryPane), ways);
        model.hintProperty().addListener((o, was, now) -> render(null));
        model.validationProperty().addListener((o, was, now) -> render(null));
        model.westernProperty().addListener((o, was, now) -> render(null));
    }

    Node root() {
        return root;
    }

    private VisitSnapshot last = VisitSnapshot.idle();

    void render(Messages m, VisitSnapshot s) {
        this.messages = m;
        this.last = s;
        render(null);
    }

    private void render(Void unused) {
        if (messages == null) {
            return;
        }
        Messages m = messages;
        VisitState state = last.state();
        boolean capturing = state == VisitState.CAPTURING_CARD_FRONT;
        boolean entering = state == VisitState.ENTERING_COLLATION_NUMBER;
        boolean failed = state == VisitState.FACE_PATH_FAILED;
        show(root, capturing || entering || failed);
        show(capturePane, capturing);
        show(entryPane, entering);
        show(toManual, capturing);
        show(toCamera, entering);
        show(toPin, (capturing || entering || failed) && last.card().kind().pinOnTheKiosk());
        show(toStaff, capturing || entering || failed);
        hint.setText(
                model.hintProperty().get().isEmpty()
                        ? ""
                        : m.get(model.hintProperty().get()));
        toManual.setText(m.get("face.manual"));
        toCamera.setText(m.get("face.camera"));
        toPin.setText(m.get("face.pin"));
        toStaff.setText(m.get("face.staff"));
        wareki.setText(m.get("entry.wareki"));
        western.setText(m.get("entry.western"));
        wareki.setSelected(!model.westernProperty().get());
        western.setSelected(model.westernProperty().get());
        era.setConverter(new StringConverter<>() {
            @Override
            public String toString(JapaneseEra e) {
                return e == null ? "" : m.get("entry.era." + e.getValue());
            }

            @Override
            public JapaneseEra fromString(String s) {
                return null;
            }
        });
        show(era, !model.westernProperty().get());
        yearCaption.setText(m.get("entry.birth"));
        expiryCaption.setText(m.get("entry.expiry"));
        codeCaption.setText(m.get("entry.code"));
        submit.setText(m.get("entry.submit"));
        String problem = model.validationProperty().get();
        validation.setText(problem.isEmpty() ? "" : m.get(problem));
        submit.setDisable(!problem.isEmpty());
        collationTries.setText(
                last.collationTriesLeft() >= 0 ? m.get("entry.triesLeft", last.collationTriesLeft()) : "");
        show(lastCollationTry, last.lastCollationTry());
        lastCollationTry.setText(m.get("entry.lastTry"));
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    private static Button button(String id) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add("pin-action");
        return b;
    }

    private static TextField field(String id, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.getStyleClass().add("entry-field");
        return f;
    }

    private static Label label(String id, String styleClass) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.setMaxWidth(900);
        return label;
    }
}
