package org.uketsuke.app.ui;

import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.uketsuke.app.reception.ReconfirmList;

/**
 * The console's 要再確認 tab: the visits to re-confirm, the official sequence for the selected one, the document the
 * patient showed with its insurance, and one button that records them and asks the system.
 */
public final class ReconfirmView {

    private ReconfirmView() {}

    public static Tab tab(ReconfirmViewModel model, Messages messages) {
        Label note = new Label(messages.get("reconfirm.note"));
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        TableView<ReconfirmViewModel.Row> table = new TableView<>(model.rows);
        table.setId("reconfirmTable");
        table.setPlaceholder(new Label(messages.get("reconfirm.empty")));
        table.getColumns().add(StaffView.textColumn(messages, "reconfirm.col.visit", ReconfirmViewModel.Row::visit));
        table.getColumns()
                .add(StaffView.textColumn(messages, "reconfirm.col.problem", ReconfirmViewModel.Row::problem));
        table.getColumns()
                .add(StaffView.textColumn(messages, "reconfirm.col.evidence", ReconfirmViewModel.Row::evidence));
        table.getColumns().add(StaffView.textColumn(messages, "reconfirm.col.state", ReconfirmViewModel.Row::state));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(180);
        table.setMinHeight(110);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> model.selected.set(now));
        model.selected.addListener((obs, was, now) -> {
            if (!Objects.equals(now, table.getSelectionModel().getSelectedItem())) {
                table.getSelectionModel().select(now);
            }
        });
        Label guidance = new Label();
        guidance.setId("reconfirmGuidance");
        guidance.setWrapText(true);
        guidance.setMinHeight(Region.USE_PREF_SIZE);
        guidance.textProperty().bind(model.guidance);
        ChoiceBox<ReconfirmList.Evidence> evidence = new ChoiceBox<>();
        evidence.setId("reconfirmEvidence");
        evidence.getItems().setAll(ReconfirmList.Evidence.values());
        evidence.setConverter(new StringConverter<>() {
            @Override
            public String toString(ReconfirmList.Evidence value) {
                return value == null ? "" : messages.get("reconfirm.evidence." + value);
            }

            @Override
            public ReconfirmList.Evidence fromString(String text) {
                throw new UnsupportedOperationException("chosen, never typed");
            }
        });
        evidence.valueProperty().bindBidirectional(model.evidence);
        Button record = new Button(messages.get("reconfirm.record"));
        record.setId("reconfirmRecord");
        record.disableProperty().bind(model.busy.or(model.selected.isNull()));
        record.setOnAction(e -> model.recordAndQuery());
        Label problems = new Label();
        problems.setId("reconfirmProblems");
        problems.getStyleClass().add("staff-problems");
        problems.setWrapText(true);
        problems.textProperty().bind(model.problems);
        Label outcome = new Label();
        outcome.setId("reconfirmOutcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcome);
        VBox content = new VBox(
                8,
                note,
                table,
                guidance,
                new HBox(8, new Label(messages.get("reconfirm.evidence")), evidence),
                StaffView.insuranceFields(model.form, messages, "reconfirm"),
                record,
                problems,
                outcome);
        content.setPadding(new Insets(12));
        // The console's tab area is short on a small screen: the steps and the form scroll rather than fall off it.
        ScrollPane scroll = new ScrollPane(content);
        scroll.setId("reconfirmScroll");
        scroll.setFitToWidth(true);
        Tab tab = new Tab(messages.get("reconfirm.title"), scroll);
        tab.setId("reconfirmTab");
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                model.refresh();
            }
        });
        return tab;
    }
}
