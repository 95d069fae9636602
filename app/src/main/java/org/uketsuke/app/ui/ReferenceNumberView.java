package org.uketsuke.app.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** The console's 照会番号 tab: the lines to register, one button, what is wrong, and every line's outcome. */
public final class ReferenceNumberView {

    private ReferenceNumberView() {}

    public static Tab tab(ReferenceNumberViewModel model, Messages messages) {
        Label note = new Label(messages.get("reference.note"));
        note.setWrapText(true);
        TextArea entries = new TextArea();
        entries.setId("referenceEntries");
        entries.setPromptText(messages.get("reference.prompt"));
        entries.setPrefRowCount(8);
        entries.textProperty().bindBidirectional(model.entries);
        Button register = new Button(messages.get("reference.submit"));
        register.setId("referenceSubmit");
        register.disableProperty().bind(model.busy);
        register.setOnAction(e -> model.submit());
        Label problems = new Label();
        problems.setId("referenceProblems");
        problems.getStyleClass().add("problems");
        problems.setWrapText(true);
        problems.textProperty().bind(model.problems);
        Label results = new Label();
        results.setId("referenceResults");
        results.setWrapText(true);
        results.textProperty().bind(model.results);
        VBox content = new VBox(10, note, entries, register, problems, results);
        content.setPadding(new Insets(12));
        Tab tab = new Tab(messages.get("reference.title"), content);
        tab.setId("referenceTab");
        return tab;
    }
}
