package org.uketsuke.app.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The staff console's audit alarm area: hidden while the log is healthy, red with an acknowledge button when not. */
final class AuditAlarmPane {

    private final VBox root = new VBox(4);

    AuditAlarmPane(AuditAlarmViewModel model, Messages messages) {
        Label text = new Label();
        text.setId("auditAlarm");
        text.setWrapText(true);
        text.textProperty().bind(model.text);
        Label since = new Label();
        since.textProperty().bind(model.since);
        Button acknowledge = new Button(messages.get("audit.alarm.acknowledge"));
        acknowledge.setId("auditAlarmAcknowledge");
        acknowledge.setOnAction(e -> model.acknowledge());
        Label result = new Label();
        result.setId("auditAlarmResult");
        result.textProperty().bind(model.result);
        HBox actions = new HBox(12, since, acknowledge, result);
        actions.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(text, actions);
        root.getStyleClass().add("staff-problems");
        root.visibleProperty().bind(model.raised);
        root.managedProperty().bind(model.raised);
    }

    Node root() {
        return root;
    }
}
