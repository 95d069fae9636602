package org.uketsuke.app.ui;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.ConsentScenario;

/**
 * The console's 訪問・オンライン tab: which 診療区分 the next card visit's consent is given under (the first visit),
 * then the re-confirmation — 訪問診療 or オンライン診療, the period of the 居宅同意, optionally one patient, and the run;
 * confirmed patients reach the reception list ({@code history}).
 */
public final class HomeVisitView {

    private HomeVisitView() {}

    public static Tab tab(HomeVisitViewModel model, Messages messages, Consumer<ReceptionRecord> history) {
        Label note = new Label(messages.get("homevisit.note"));
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        HBox firstVisit = choices(
                messages.get("homevisit.firstVisit"),
                List.of(ConsentScenario.OUTPATIENT, ConsentScenario.HOME_VISIT, ConsentScenario.ONLINE),
                model.nextVisit,
                s -> "homevisitFirst" + s,
                s -> messages.get("homevisit.first." + s));
        ToggleGroup kind = new ToggleGroup();
        RadioButton home = new RadioButton(messages.get("homevisit.HOME_VISIT"));
        home.setId("homevisitHome");
        RadioButton online = new RadioButton(messages.get("homevisit.ONLINE"));
        online.setId("homevisitOnline");
        home.setToggleGroup(kind);
        online.setToggleGroup(kind);
        home.setSelected(model.exchange.get() == BulkSelection.Exchange.HOME_VISIT);
        online.setSelected(model.exchange.get() == BulkSelection.Exchange.ONLINE);
        kind.selectedToggleProperty()
                .addListener((obs, was, now) -> model.exchange.set(
                        online.equals(now) ? BulkSelection.Exchange.ONLINE : BulkSelection.Exchange.HOME_VISIT));
        // オンライン診療 can be selected by examination dates too; 訪問診療 only by consent dates.
        HBox byDate = choices(
                messages.get("homevisit.by"),
                List.of(BulkSelection.PeriodKind.values()),
                model.periodKind,
                k -> "homevisitBy" + k,
                k -> messages.get("homevisit.by." + k));
        byDate.disableProperty().bind(model.exchange.isNotEqualTo(BulkSelection.Exchange.ONLINE));
        GridPane form = new GridPane(8, 6);
        Label fromLabel = new Label();
        fromLabel.setId("homevisitFromLabel");
        fromLabel
                .textProperty()
                .bind(Bindings.when(model.exchange
                                .isEqualTo(BulkSelection.Exchange.ONLINE)
                                .and(model.periodKind.isEqualTo(BulkSelection.PeriodKind.EXAMINATION)))
                        .then(messages.get("homevisit.from.EXAMINATION"))
                        .otherwise(messages.get("homevisit.from")));
        form.addRow(
                0,
                fromLabel,
                StaffView.field("homevisitFrom", model.from, 10),
                new Label(messages.get("homevisit.to")),
                StaffView.field("homevisitTo", model.to, 10));
        form.addRow(
                1,
                new Label(messages.get("lookup.insurer")),
                StaffView.field("homevisitInsurer", model.insurer, 10),
                new Label(messages.get("lookup.number")),
                StaffView.field("homevisitNumber", model.number, 10));
        Button run = new Button(messages.get("homevisit.run"));
        run.setId("homevisitRun");
        run.disableProperty().bind(model.busy);
        run.setOnAction(e -> model.run(history));
        Label problems = new Label();
        problems.setId("homevisitProblems");
        problems.getStyleClass().add("staff-problems");
        problems.setWrapText(true);
        problems.textProperty().bind(model.problems);
        Label summary = new Label();
        summary.setId("homevisitSummary");
        summary.textProperty().bind(model.summary);
        ListView<String> missing = new ListView<>(model.notConfirmed);
        missing.setId("homevisitNotConfirmed");
        missing.setPlaceholder(new Label(messages.get("precheck.allConfirmed")));
        VBox.setVgrow(missing, Priority.ALWAYS);
        HBox kinds = new HBox(16, home, online);
        kinds.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(
                8,
                firstVisit,
                new Separator(),
                note,
                kinds,
                byDate,
                form,
                new Label(messages.get("homevisit.onePatient")),
                run,
                problems,
                summary,
                new Label(messages.get("precheck.notConfirmed")),
                missing);
        content.setPadding(new Insets(12));
        Tab tab = new Tab(messages.get("homevisit.title"), content);
        tab.setId("homevisitTab");
        return tab;
    }

    /** A row of radio buttons for {@code values}, kept in step with {@code property} both ways. */
    private static <T> HBox choices(
            String label,
            List<T> values,
            ObjectProperty<T> property,
            Function<T, String> id,
            Function<T, String> text) {
        ToggleGroup group = new ToggleGroup();
        HBox row = new HBox(16, new Label(label));
        row.setAlignment(Pos.CENTER_LEFT);
        for (T value : values) {
            RadioButton choice = new RadioButton(text.apply(value));
            choice.setId(id.apply(value));
            choice.setToggleGroup(group);
            choice.setUserData(value);
            choice.setSelected(Objects.equals(property.get(), value));
            row.getChildren().add(choice);
        }
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                property.set(values.get(values.indexOf(now.getUserData())));
            }
        });
        property.addListener((obs, was, now) -> group.getToggles().stream()
                .filter(t -> Objects.equals(t.getUserData(), now))
                .findFirst()
                .ifPresent(t -> t.setSelected(true)));
        return row;
    }
}
