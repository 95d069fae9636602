package org.uketsuke.app.ui;

import javafx.collections.MapChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import org.uketsuke.eligibility.PrescriptionForm;

/**
 * The consent screen's additions for medical information (#14): a plain sentence on what sharing means and what
 * not sharing costs, for the item last answered, and — when the clinic issues e-prescriptions — the choice between an
 * electronic and a paper prescription as one more row. Kept apart from {@link KioskView}, which only places it.
 */
final class ConsentExplanations {

    private final KioskViewModel model;
    private final Label explanation = new Label();
    /** The item (or "PRESCRIPTION") whose explanation is shown; null: the general note. */
    private String explained;

    private final Label prescriptionQuestion = new Label();
    private final ToggleButton electronic = new ToggleButton();
    private final ToggleButton paper = new ToggleButton();

    /**
     * @param row the first free row of the consent grid, where the prescription choice goes
     * @param onChange re-checks whether every answer is given (the "next" button)
     */
    ConsentExplanations(KioskViewModel model, GridPane grid, int row, Runnable onChange) {
        this.model = model;
        explanation.setId("consentExplanation");
        explanation.getStyleClass().add("consent-explanation");
        explanation.setWrapText(true);
        explanation.setMaxWidth(940);
        explanation.setMinHeight(40);
        // The item last answered is the one explained: its consequence, right where the patient looks next.
        model.consents().addListener((MapChangeListener<ConsentItem, Boolean>) change -> {
            if (change.wasAdded()) {
                explained = change.getKey().name();
                render();
            }
        });
        prescriptionQuestion.setId("prescriptionLabel");
        prescriptionQuestion.getStyleClass().add("consent-question");
        prescriptionQuestion.setWrapText(true);
        prescriptionQuestion.setMaxWidth(560);
        electronic.setId("prescription-electronic");
        paper.setId("prescription-paper");
        ToggleGroup group = new ToggleGroup();
        for (ToggleButton b : new ToggleButton[] {electronic, paper}) {
            b.setToggleGroup(group);
            b.getStyleClass().add("consent-answer");
        }
        electronic.setOnAction(e -> model.choosePrescription(PrescriptionForm.ELECTRONIC));
        paper.setOnAction(e -> model.choosePrescription(PrescriptionForm.PAPER));
        grid.addRow(row, prescriptionQuestion, electronic, paper);
        model.prescriptionProperty().addListener((o, was, now) -> {
            if (now != null) {
                explained = "PRESCRIPTION";
            }
            render();
            onChange.run();
        });
        model.prescriptionChoiceEnabledProperty().addListener((o, was, now) -> {
            render();
            onChange.run();
        });
    }

    /** The line under the questions that explains the item last answered. */
    Label area() {
        return explanation;
    }

    /** Texts in the current language and the prescription row's visibility and selection. */
    void render() {
        Messages m = model.messagesProperty().get();
        if (model.consents().isEmpty() && model.prescriptionProperty().get() == null) {
            explained = null;
        }
        explanation.setText(
                explained == null
                        ? m.get("consent.explainIntro")
                        : explained.equals("PRESCRIPTION")
                                ? m.get("prescription.explain")
                                : m.get("consent." + explained + ".explain"));
        boolean asked = model.prescriptionChoiceEnabledProperty().get();
        for (var node : new Node[] {prescriptionQuestion, electronic, paper}) {
            node.setVisible(asked);
            node.setManaged(asked);
        }
        prescriptionQuestion.setText(m.get("prescription.question"));
        electronic.setText(m.get("prescription.ELECTRONIC"));
        paper.setText(m.get("prescription.PAPER"));
        PrescriptionForm chosen = model.prescriptionProperty().get();
        electronic.setSelected(chosen == PrescriptionForm.ELECTRONIC);
        paper.setSelected(chosen == PrescriptionForm.PAPER);
    }
}
