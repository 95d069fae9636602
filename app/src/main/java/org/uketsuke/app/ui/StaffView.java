package org.uketsuke.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.CardServiceState;
import org.uketsuke.app.reception.QueueFilter;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.reception.StaffActions;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.eligibility.Qualification;

/**
 * The reception staff's screen: the kiosk's state, the reception history as rows, and (in the demo) the buttons
 * that place and remove the virtual card.
 */
public final class StaffView {

    /** Who is signed in (the audit log's and 目視確認's staff member), with the sign-out button beside it. */
    private final Label signedIn = new Label();

    private final Button signOut = new Button();
    private final BooleanProperty receptionist = new SimpleBooleanProperty(false);
    private final BooleanProperty administrator = new SimpleBooleanProperty(false);
    private final BooleanProperty awaitingCheck = new SimpleBooleanProperty(false);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Messages messages;
    private final VBox root = new VBox(12);
    private final Label state = new Label();
    private final Label cardService = new Label();
    private final Map<String, Label> noticesByTopic = new HashMap<>();
    private final ObservableList<ReceptionRecord> rows = FXCollections.observableArrayList();
    private final TableView<ReceptionRecord> table = new TableView<>(rows);
    private final TabPane tabs = new TabPane();

    /**
     * @param demo the virtual card controls, or {@code null} on a real reader
     */
    private final Button visualConfirm = new Button();

    private final Button visualRefuse = new Button();

    /**
     * @param actions 目視確認 (signed by the one signed in) and re-sends, each checked for its role
     * @param deliveries what reached the レセコン, with re-send (or null)
     * @param preCheck 一括照会 from a booked-patients file (or null)
     */
    public StaffView(
            Messages messages,
            DemoControls demo,
            String readerDescription,
            LookupViewModel lookup,
            StaffActions actions,
            Runnable signOutAction,
            DeliveriesViewModel deliveries,
            PreCheckViewModel preCheck,
            ConsistencyViewModel consistency) {
        this.messages = messages;
        Label title = new Label(messages.get("staff.title"));
        title.getStyleClass().add("staff-title");
        state.setId("staffKioskState");
        Label reader = new Label(messages.get("staff.reader", readerDescription));
        // The one signed in signs 目視確認, lookups and medical views in the audit log; nobody picks a name.
        signedIn.setId("staffSignedIn");
        signOut.setId("staffSignOut");
        signOut.setText(messages.get("staff.signOut"));
        signOut.setOnAction(e -> signOutAction.run());
        HBox heading = new HBox(16, title, new Label(messages.get("staff.onDuty")), signedIn, signOut);
        heading.setAlignment(Pos.CENTER_LEFT);
        cardService.setId("staffCardService");
        cardService.setWrapText(true);
        cardService.getStyleClass().add("staff-problems");
        visible(cardService, false);
        root.getChildren().addAll(heading, reader, state, cardService);
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
        visualConfirm.setOnAction(e -> gated(actions::confirmVisually));
        visualConfirm.disableProperty().bind(awaitingCheck.and(receptionist).not());
        visualRefuse.setId("visualRefuse");
        visualRefuse.setText(messages.get("staff.visual.refuse"));
        visualRefuse.setOnAction(e -> gated(actions::refuseVisually));
        visualRefuse.disableProperty().bind(awaitingCheck.and(receptionist).not());
        Label visualTitle = new Label(messages.get("staff.visual.title"));
        visualTitle.getStyleClass().add("staff-section");
        root.getChildren().add(new HBox(12, visualTitle, visualConfirm, visualRefuse));
        if (lookup != null) {
            root.getChildren().add(lookupForm(lookup));
        }
        table.setId("staffHistory");
        table.setPlaceholder(new Label(messages.get("staff.history.empty")));
        table.getColumns().add(column("staff.col.time", r -> TIME.format(r.at())));
        table.getColumns()
                .add(column(
                        "staff.col.status",
                        r -> r.problem()
                                .map(p -> messages.get("problem." + p))
                                .orElse(messages.get("staff.status.confirmed")
                                        + r.qualification()
                                                .flatMap(q -> MedicalAssistanceTexts.forStaff(messages, q))
                                                .map(n -> " — " + n)
                                                .orElse("")
                                        + r.qualification()
                                                .flatMap(q -> SubsidyTexts.forStaff(messages, q))
                                                .map(n -> " — " + n)
                                                .orElse("")
                                        + CertificateNotices.forStaff(messages, r.certificate())
                                                .map(n -> " — " + n)
                                                .orElse(""))));
        table.getColumns()
                .add(column("staff.col.insurerNumber", q(q -> q.card().insurer().value())));
        table.getColumns().add(column("staff.col.symbol", q(q -> q.card().symbol())));
        table.getColumns().add(column("staff.col.number", q(q -> q.card().number())));
        table.getColumns().add(column("staff.col.branch", q(q -> q.card().branch())));
        table.getColumns()
                .add(column(
                        "staff.col.ratio",
                        q(q -> messages.get(
                                "result.ratioValue", q.contributionRatio().percent() / 10))));
        table.getColumns()
                .add(column(
                        "staff.col.method",
                        r -> r.method()
                                .map(m -> messages.get("queue.method." + m))
                                .orElse("")));
        table.getColumns().add(column("staff.col.assisted", r -> assistedBy(r, messages)));
        table.getColumns().add(column("staff.col.patient", r -> ImportedPatientTexts.forStaff(messages, r.patient())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tabs.setId("staffTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        QueueFilterBar filters = new QueueFilterBar(messages);
        // Unfiltered, the table shows the rows themselves; a filter shows the rows it lets through, live.
        filters.filter.addListener((obs, was, now) ->
                table.setItems(now.equals(QueueFilter.all()) ? rows : new FilteredList<>(rows, now::matches)));
        Node historyBody = consistency == null ? table : historyPane(consistency);
        VBox.setVgrow(historyBody, Priority.ALWAYS);
        VBox historyWithFilters = new VBox(8, filters.root(), historyBody);
        historyWithFilters.setPadding(new Insets(8, 0, 0, 0));
        Tab history = new Tab(messages.get("staff.history"), historyWithFilters);
        history.setId("historyTab");
        tabs.getTabs().add(history);
        if (deliveries != null) {
            Tab tab = new Tab(messages.get("deliveries.title"), deliveriesPane(deliveries));
            tab.setId("deliveriesTab");
            tab.textProperty().bind(Bindings.concat(messages.get("deliveries.title"), " ", deliveries.summary));
            tabs.getTabs().add(tab);
        }
        if (preCheck != null) {
            Tab tab = new Tab(messages.get("precheck.title"), preCheckPane(preCheck));
            tab.setId("precheckTab");
            tabs.getTabs().add(tab);
        }
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.getChildren().add(tabs);
        root.setPadding(new Insets(16));
        root.getStyleClass().add("staff-root");
        root.setId("staffConsole");
        show(VisitSnapshot.idle());
    }

    public Parent root() {
        return root;
    }

    /** The audit alarm area, right below the heading where it cannot be missed. */
    public void addAuditAlarm(AuditAlarmViewModel alarm) {
        root.getChildren().add(1, new AuditAlarmPane(alarm, messages).root());
    }

    /** FX thread only: who is signed in now; the controls their roles do not allow are disabled. */
    public void showMember(Optional<StaffMember> member) {
        signedIn.setText(member.map(m -> m.name() + " (" + m.id() + ")").orElse(""));
        receptionist.set(member.map(m -> m.has(Role.RECEPTIONIST)).orElse(false));
        administrator.set(member.map(m -> m.has(Role.ADMINISTRATOR)).orElse(false));
    }

    /** The console hides what a role does not allow; a refusal here means the screen and the role disagreed. */
    private void gated(Runnable action) {
        try {
            action.run();
        } catch (NotPermitted e) {
            state.setText(messages.get("staff.notPermitted"));
        }
    }

    /** A further tab of the console (e.g. the 診療・薬剤情報 viewer), added after the built-in ones. */
    public void addTab(Tab tab) {
        tabs.getTabs().add(tab);
    }

    /**
     * The insurance fields of a search (保険者番号, 記号, 番号, 枝番 on the first row, 生年月日 on the second), with ids
     * {@code <prefix>Insurer}, {@code <prefix>Symbol}, … so that several forms can share a scene.
     */
    static GridPane insuranceFields(LookupViewModel lookup, Messages messages, String prefix) {
        GridPane form = new GridPane(8, 6);
        form.setId(prefix + "Form");
        form.addRow(
                0,
                new Label(messages.get("lookup.insurer")),
                field(prefix + "Insurer", lookup.insurer, 10),
                new Label(messages.get("lookup.symbol")),
                field(prefix + "Symbol", lookup.symbol, 10),
                new Label(messages.get("lookup.number")),
                field(prefix + "Number", lookup.number, 10),
                new Label(messages.get("lookup.branch")),
                field(prefix + "Branch", lookup.branch, 3));
        form.addRow(1, new Label(messages.get("lookup.birthdate")), field(prefix + "Birthdate", lookup.birthdate, 10));
        return form;
    }

    private Node lookupForm(LookupViewModel lookup) {
        GridPane form = insuranceFields(lookup, messages, "lookup");
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
        form.add(consent, 2, 1, 4, 1);
        form.add(submit, 6, 1, 2, 1);
        Label title = new Label(messages.get("lookup.title"));
        title.getStyleClass().add("staff-section");
        return new VBox(6, title, form, problems);
    }

    private Node historyPane(ConsistencyViewModel model) {
        Button check = new Button(messages.get("consistency.check"));
        check.setId("consistencyCheck");
        check.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.busy.get()
                                || table.getSelectionModel().getSelectedItem() == null
                                || table.getSelectionModel()
                                        .getSelectedItem()
                                        .qualification()
                                        .isEmpty(),
                        table.getSelectionModel().selectedItemProperty(),
                        model.busy));
        check.setOnAction(e -> model.check(table.getSelectionModel().getSelectedItem()));
        Button update = new Button(messages.get("consistency.update"));
        update.setId("consistencyUpdate");
        update.disableProperty().bind(model.canUpdate.not().or(model.busy));
        update.setOnAction(e -> model.update());
        Label result = new Label();
        result.setId("consistencyResult");
        result.setWrapText(true);
        result.textProperty().bind(model.result);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox pane = new VBox(8, table, new HBox(12, check, update), result);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private Node deliveriesPane(DeliveriesViewModel model) {
        TableView<DeliveriesViewModel.Row> deliveries = new TableView<>(model.rows);
        deliveries.setId("deliveriesTable");
        deliveries.setPlaceholder(new Label(messages.get("deliveries.empty")));
        deliveries.getColumns().add(rowColumn("deliveries.col.time", DeliveriesViewModel.Row::time));
        deliveries.getColumns().add(rowColumn("deliveries.col.state", DeliveriesViewModel.Row::state));
        deliveries.getColumns().add(rowColumn("deliveries.col.waitingFor", DeliveriesViewModel.Row::waitingFor));
        deliveries.getColumns().add(rowColumn("deliveries.col.attempts", r -> Integer.toString(r.attempts())));
        deliveries.getColumns().add(rowColumn("deliveries.col.key", DeliveriesViewModel.Row::key));
        deliveries.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        deliveries.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(DeliveriesViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null || row.detail().isEmpty() ? null : new Tooltip(row.detail()));
            }
        });
        Button resend = new Button(messages.get("deliveries.resend"));
        resend.setId("deliveriesResend");
        resend.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> !administrator.get()
                                || deliveries.getSelectionModel().getSelectedItem() == null
                                || !deliveries
                                        .getSelectionModel()
                                        .getSelectedItem()
                                        .resendable(),
                        deliveries.getSelectionModel().selectedItemProperty(),
                        administrator));
        resend.setOnAction(e -> model.resend(deliveries.getSelectionModel().getSelectedItem()));
        Button refresh = new Button(messages.get("deliveries.refresh"));
        refresh.setId("deliveriesRefresh");
        refresh.setOnAction(e -> model.refresh());
        Label folderStatus = new Label();
        folderStatus.setId("deliveriesFolderProblem");
        folderStatus.getStyleClass().add("staff-problems");
        folderStatus.setWrapText(true);
        folderStatus.textProperty().bind(model.folderStatus);
        VBox.setVgrow(deliveries, Priority.ALWAYS);
        VBox pane = new VBox(8, new HBox(12, resend, refresh), folderStatus, deliveries);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private Node preCheckPane(PreCheckViewModel model) {
        TextField file = field("precheckFile", model.file, 30);
        file.setPromptText(messages.get("precheck.file.prompt"));
        Button run = new Button(messages.get("precheck.run"));
        run.setId("precheckRun");
        run.disableProperty().bind(model.busy);
        run.setOnAction(e -> model.run());
        Label summary = new Label();
        summary.setId("precheckSummary");
        summary.textProperty().bind(model.summary);
        Label problems = new Label();
        problems.setId("precheckProblems");
        problems.getStyleClass().add("staff-problems");
        problems.setWrapText(true);
        problems.textProperty().bind(model.problems);
        ListView<String> missing = new ListView<>(model.notConfirmed);
        missing.setId("precheckNotConfirmed");
        missing.setPlaceholder(new Label(messages.get("precheck.allConfirmed")));
        VBox.setVgrow(missing, Priority.ALWAYS);
        VBox pane = new VBox(
                8,
                new Label(messages.get("precheck.help")),
                new HBox(8, file, run),
                summary,
                problems,
                new Label(messages.get("precheck.notConfirmed")),
                missing);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private <T> TableColumn<T, String> rowColumn(String key, Function<T, String> value) {
        return textColumn(messages, key, value);
    }

    /** A read-only text column headed by the bundle's {@code key}. */
    static <T> TableColumn<T, String> textColumn(Messages messages, String key, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(messages.get(key));
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    static TextField field(String id, StringProperty value, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /** The card service's state: a warning with what to do while it is down, nothing while it runs. */
    public void showCardService(CardServiceState service) {
        switch (service) {
            case CardServiceState.Down down -> {
                cardService.setText(messages.get("staff.cardServiceDown", down.reason()));
                visible(cardService, true);
            }
            case CardServiceState.Running _ -> visible(cardService, false);
        }
    }

    /**
     * A standing notice about the terminal (a device it could not use at start, the face folder), under the kiosk's
     * state; one of a {@code topic} already shown is replaced in place (empty topic: always a new one).
     */
    public void addNotice(String topic, String text) {
        Label standing = noticesByTopic.get(topic);
        if (standing != null) {
            standing.setText(text);
            return;
        }
        Label notice = new Label(text);
        notice.getStyleClass().add("staff-problems");
        notice.setWrapText(true);
        notice.setId("staffNotice");
        root.getChildren().add(root.getChildren().indexOf(cardService) + 1, notice);
        if (!topic.isEmpty()) {
            noticesByTopic.put(topic, notice);
        }
    }

    private static void visible(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /** FX thread only. */
    public void show(VisitSnapshot snapshot) {
        awaitingCheck.set(snapshot.state() == VisitState.AWAITING_STAFF_CHECK);
        state.setText(messages.get("staff.state", messages.get("state." + snapshot.state() + ".title")));
    }

    /** FX thread only: newest first. */
    public void add(ReceptionRecord record) {
        rows.addFirst(record);
    }

    private static Function<ReceptionRecord, String> q(Function<Qualification, String> field) {
        return r -> r.qualification().map(field).orElse("");
    }

    /** Who helped the patient (介助者 / 代理人): a companion who typed the PIN, or the staff member who checked. */
    static String assistedBy(ReceptionRecord record, Messages messages) {
        return record.assistance()
                .map(a -> messages.get("staff.assisted." + a.kind(), a.staffId().orElse("")))
                .orElse("");
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
