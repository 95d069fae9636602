package org.uketsuke.app.ui;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.uketsuke.app.reception.QueueFilter;
import org.uketsuke.eligibility.IdentityMethod;

/**
 * The filters above today's queue: status, identity method, and a search field (name in kana, 保険者番号, 記号・番号).
 * Thin: it only turns the controls into a {@link QueueFilter}; the matching is the filter's.
 */
final class QueueFilterBar {

    /** The current filter; the table's list follows it. */
    final ObjectProperty<QueueFilter> filter = new SimpleObjectProperty<>(QueueFilter.all());

    private final HBox root;

    QueueFilterBar(Messages messages) {
        ComboBox<QueueFilter.Status> status = new ComboBox<>();
        status.setId("queueStatus");
        status.getItems().add(null);
        status.getItems().addAll(QueueFilter.Status.values());
        status.setCellFactory(list -> cell(messages, "queue.status."));
        status.setButtonCell(cell(messages, "queue.status."));
        status.setPromptText(messages.get("queue.all"));
        ComboBox<IdentityMethod> method = new ComboBox<>();
        method.setId("queueMethod");
        method.getItems().add(null);
        method.getItems().addAll(IdentityMethod.values());
        method.setCellFactory(list -> cell(messages, "queue.method."));
        method.setButtonCell(cell(messages, "queue.method."));
        method.setPromptText(messages.get("queue.all"));
        status.setMinWidth(170);
        method.setMinWidth(150);
        TextField search = new TextField();
        search.setId("queueSearch");
        search.setPromptText(messages.get("queue.search.prompt"));
        HBox.setHgrow(search, Priority.ALWAYS);
        Runnable update = () -> filter.set(new QueueFilter(
                status.getValue() == null ? EnumSet.allOf(QueueFilter.Status.class) : Set.of(status.getValue()),
                Optional.ofNullable(method.getValue()),
                search.getText()));
        status.valueProperty().addListener((obs, was, now) -> update.run());
        method.valueProperty().addListener((obs, was, now) -> update.run());
        search.textProperty().addListener((obs, was, now) -> update.run());
        root = new HBox(8, new Label(messages.get("queue.filter")), status, method, search);
        root.setId("queueFilters");
        root.setAlignment(Pos.CENTER_LEFT);
    }

    Node root() {
        return root;
    }

    private static <T extends Enum<T>> ListCell<T> cell(Messages messages, String prefix) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : messages.get(item == null ? "queue.all" : prefix + item.name()));
            }
        };
    }
}
