package org.uketsuke.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.uketsuke.app.flow.QualificationSummary;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.reception.ReceptionRecord;

/**
 * The reception staff's screen: the kiosk's state, the reception history as rows, and (in the demo) the buttons
 * that place and remove the virtual card.
 */
public final class StaffView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Messages messages;
    private final VBox root = new VBox(12);
    private final Label state = new Label();
    private final ObservableList<ReceptionRecord> rows = FXCollections.observableArrayList();
    private final TableView<ReceptionRecord> table = new TableView<>(rows);

    /**
     * @param demo the virtual card controls, or {@code null} on a real reader
     */
    public StaffView(Messages messages, DemoControls demo, String readerDescription) {
        this.messages = messages;
        Label title = new Label(messages.get("staff.title"));
        title.getStyleClass().add("staff-title");
        state.setId("staffKioskState");
        Label reader = new Label(messages.get("staff.reader", readerDescription));
        root.getChildren().addAll(title, reader, state);
        if (demo != null) {
            Button place = new Button(messages.get("staff.placeCard"));
            place.setId("placeCard");
            place.setOnAction(e -> demo.placeCard());
            Button remove = new Button(messages.get("staff.removeCard"));
            remove.setId("removeCard");
            remove.setOnAction(e -> demo.removeCard());
            Label pin = new Label(messages.get("staff.demoPin", demo.demoPin()));
            pin.setId("demoPin");
            root.getChildren().add(new HBox(12, place, remove, pin));
        }
        table.setId("staffHistory");
        table.setPlaceholder(new Label(messages.get("staff.history.empty")));
        table.getColumns().add(column("staff.col.time", r -> TIME.format(r.at())));
        table.getColumns().add(column("staff.col.status", r -> r.problem()
                .map(p -> messages.get("problem." + p))
                .orElse(messages.get("staff.status.confirmed"))));
        table.getColumns().add(column("staff.col.insurerNumber", q(QualificationSummary::insurerNumber)));
        table.getColumns().add(column("staff.col.symbol", q(QualificationSummary::symbol)));
        table.getColumns().add(column("staff.col.number", q(QualificationSummary::number)));
        table.getColumns().add(column("staff.col.branch", q(QualificationSummary::branch)));
        table.getColumns().add(column("staff.col.ratio", q(s -> messages.get("result.ratioValue", s.contributionPercent() / 10))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(new Label(messages.get("staff.history")), table);
        root.setPadding(new Insets(16));
        root.getStyleClass().add("staff-root");
        show(VisitSnapshot.idle());
    }

    public Parent root() {
        return root;
    }

    /** FX thread only. */
    public void show(VisitSnapshot snapshot) {
        state.setText(messages.get("staff.state", messages.get("state." + snapshot.state() + ".title")));
    }

    /** FX thread only: newest first. */
    public void add(ReceptionRecord record) {
        rows.addFirst(record);
    }

    private static Function<ReceptionRecord, String> q(Function<QualificationSummary, String> field) {
        return r -> r.qualification().map(field).orElse("");
    }

    private TableColumn<ReceptionRecord, String> column(String key, Function<ReceptionRecord, String> value) {
        TableColumn<ReceptionRecord, String> column = new TableColumn<>(messages.get(key));
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /** What the staff screen needs of the demo's virtual card. */
    public interface DemoControls {
        void placeCard();

        void removeCard();

        String demoPin();
    }
}
