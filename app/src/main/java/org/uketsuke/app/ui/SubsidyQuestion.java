package org.uketsuke.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;

/**
 * The consent screen's PMH row (docs/spec-notes/pmh.md#the-question): 「医療費助成の各種受給者証を利用しますか」, asked
 * where the clinic takes part in PMH. Kept apart from {@link KioskView}, which only places it.
 */
final class SubsidyQuestion {

    private final KioskViewModel model;
    private final Label question = new Label();
    private final ToggleButton use = new ToggleButton();
    private final ToggleButton notUse = new ToggleButton();

    /**
     * @param row the consent grid's row for the question
     * @param onChange re-checks whether every answer is given (the "next" button)
     */
    SubsidyQuestion(KioskViewModel model, GridPane grid, int row, Runnable onChange) {
        this.model = model;
        question.setId("subsidyLabel");
        question.getStyleClass().add("consent-question");
        question.setWrapText(true);
        question.setMaxWidth(560);
        use.setId("subsidy-yes");
        notUse.setId("subsidy-no");
        ToggleGroup group = new ToggleGroup();
        for (ToggleButton b : new ToggleButton[] {use, notUse}) {
            b.setToggleGroup(group);
            b.getStyleClass().add("consent-answer");
        }
        use.setOnAction(e -> model.answerSubsidy(true));
        notUse.setOnAction(e -> model.answerSubsidy(false));
        grid.addRow(row, question, use, notUse);
        model.subsidyAnswerProperty().addListener((o, was, now) -> {
            render();
            onChange.run();
        });
        model.subsidyQuestionEnabledProperty().addListener((o, was, now) -> {
            render();
            onChange.run();
        });
    }

    /** Texts in the current language, the row's visibility and the selection. */
    void render() {
        Messages m = model.messagesProperty().get();
        boolean asked = model.subsidyQuestionEnabledProperty().get();
        for (Node node : new Node[] {question, use, notUse}) {
            node.setVisible(asked);
            node.setManaged(asked);
        }
        question.setText(m.get("subsidy.question"));
        use.setText(m.get("subsidy.use"));
        notUse.setText(m.get("subsidy.notUse"));
        Boolean answer = model.subsidyAnswerProperty().get();
        use.setSelected(Boolean.TRUE.equals(answer));
        notUse.setSelected(Boolean.FALSE.equals(answer));
    }
}
