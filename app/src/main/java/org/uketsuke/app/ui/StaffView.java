package org.uketsuke.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
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

    /** Who is at the staff screen; a staff login is not built yet, so the demo has one receptionist. */
    private static final String STAFF_ID = "staff-01";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Messages messages;
    private final VBox root = new VBox(12);
    private final Label state = new Label();
    private final ObservableList<ReceptionRecord> rows = FXCollections.observableArrayList();
    private final TableView<ReceptionRecord> table = new TableView<>(rows);

    /**
     * @param demo the virtual card controls, or {@code null} on a real reader
     */
    private final Button visualConfirm = new Button();
    private final Button visualRefuse = new Button();

    /**
     * @param visits where the staff's 目視確認 answers go (the visit controller)
     */
    public StaffView(Messages messages, DemoControls demo, String readerDescription, LookupViewModel lookup,
            java.util.function.Consumer<org.uketsuke.app.flow.VisitEvent> visits) {
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
        visualConfirm.setId("visualConfirm");
        visualConfirm.setText(messages.get("staff.visual.confirm"));
        visualConfirm.setOnAction(e -> visits.accept(new org.uketsuke.app.flow.VisitEvent.StaffConfirmedVisually(STAFF_ID)));
        visualRefuse.setId("visualRefuse");
        visualRefuse.setText(messages.get("staff.visual.refuse"));
        visualRefuse.setOnAction(e -> visits.accept(new org.uketsuke.app.flow.VisitEvent.StaffRefusedVisually()));
        Label visualTitle = new Label(messages.get("staff.visual.title"));
        visualTitle.getStyleClass().add("staff-section");
        root.getChildren().add(new HBox(12, visualTitle, visualConfirm, visualRefuse));
        if (lookup != null) {
            root.getChildren().add(lookupForm(lookup));
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

    private Node lookupForm(LookupViewModel lookup) {
        GridPane form = new GridPane(8, 6);
        form.setId("lookupForm");
        TextField insurer = field("lookupInsurer", lookup.insurer, 10);
        TextField symbol = field("lookupSymbol", lookup.symbol, 10);
        TextField number = field("lookupNumber", lookup.number, 10);
        TextField branch = field("lookupBranch", lookup.branch, 3);
        TextField birthdate = field("lookupBirthdate", lookup.birthdate, 10);
        CheckBox consent = new CheckBox(messages.get("lookup.limitConsent"));
        consent.setId("lookupLimitConsent");
        consent.selectedProperty().bindBidirectional(lookup.limitConsent);
        Button submit = new Button(messages.get("lookup.submit"));
        submit.setId("lookupSubmit");
        submit.disableProperty().bind(lookup.busy);
        submit.setOnAction(e -> lookup.submit(this::add));
        Label problems = new Label();
        problems.setId("lookupProblems");
        problems.getStyleClass().add("staff-problems");
        problems.textProperty().bind(lookup.problems);
        form.addRow(0, new Label(messages.get("lookup.insurer")), insurer, new Label(messages.get("lookup.symbol")), symbol,
                new Label(messages.get("lookup.number")), number, new Label(messages.get("lookup.branch")), branch);
        form.addRow(1, new Label(messages.get("lookup.birthdate")), birthdate);
        form.add(consent, 2, 1, 4, 1);
        form.add(submit, 6, 1, 2, 1);
        Label title = new Label(messages.get("lookup.title"));
        title.getStyleClass().add("staff-section");
        return new VBox(6, title, form, problems);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /** FX thread only. */
    public void show(VisitSnapshot snapshot) {
        boolean waiting = snapshot.state() == org.uketsuke.app.flow.VisitState.AWAITING_STAFF_CHECK;
        visualConfirm.setDisable(!waiting);
        visualRefuse.setDisable(!waiting);
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
