package org.uketsuke.app.ui;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.DispensedDrug;
import org.uketsuke.eligibility.medical.MedicalCategory;

/**
 * The staff console's 診療・薬剤情報 tab: binds {@link MedicalInfoViewModel}; the table for every category, a line chart
 * of one checkup value over the years and a timeline of dispensed drugs. Thin: no logic beyond building nodes.
 */
public final class MedicalInfoView {

    private final VBox root = new VBox(8);

    /** @param exports where "export PDF" writes its files */
    public MedicalInfoView(MedicalInfoViewModel model, Messages messages, Path exports) {
        ComboBox<MedicalInfoViewModel.Patient> patient = new ComboBox<>(model.patients);
        patient.setId("medicalPatient");
        patient.setPromptText(messages.get("medical.patient"));
        patient.valueProperty().bindBidirectional(model.patient);

        ComboBox<MedicalCategory> category = new ComboBox<>();
        category.setId("medicalCategory");
        category.getItems().setAll(MedicalCategory.viewableCategories());
        category.setConverter(converter(c -> messages.get("medical.category." + c)));
        category.valueProperty().bindBidirectional(model.category);

        DatePicker from = new DatePicker();
        from.setId("medicalFrom");
        from.setPromptText(messages.get("medical.from"));
        from.valueProperty().bindBidirectional(model.from);
        from.setPrefWidth(130);
        DatePicker to = new DatePicker();
        to.setId("medicalTo");
        to.setPromptText(messages.get("medical.to"));
        to.valueProperty().bindBidirectional(model.to);
        to.setPrefWidth(130);

        TextField filter = new TextField();
        filter.setId("medicalFilter");
        filter.setPromptText(messages.get("medical.filter"));
        filter.textProperty().bindBidirectional(model.filter);

        Button load = new Button(messages.get("medical.load"));
        load.setId("medicalLoad");
        load.disableProperty().bind(model.busy.or(model.patient.isNull()));
        load.setOnAction(e -> model.load());
        Button export = new Button(messages.get("medical.export"));
        export.setId("medicalExport");
        export.disableProperty().bind(model.busy.or(model.patient.isNull()));
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneId.systemDefault());
        export.setOnAction(e -> model.exportPdf(exports.resolve("medical-"
                + model.category.get().name().toLowerCase(Locale.ROOT) + "-" + stamp.format(Instant.now()) + ".pdf")));

        Label status = new Label();
        status.setId("medicalStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.message);
        model.status.addListener((o, was, now) -> {
            status.getStyleClass().removeAll("medical-refused");
            if (now == MedicalInfoViewModel.Status.NO_CONSENT
                    || now == MedicalInfoViewModel.Status.CONSENT_EXPIRED
                    || now == MedicalInfoViewModel.Status.NOT_FOUND
                    || now == MedicalInfoViewModel.Status.UNAVAILABLE) {
                status.getStyleClass().add("medical-refused");
            }
        });

        TableView<MedicalInfoViewModel.Row> table = new TableView<>(model.rows);
        table.setId("medicalTable");
        table.setPlaceholder(new Label(messages.get("medical.table.empty")));
        table.getColumns()
                .add(column(messages.get("medical.col.date"), r -> MedicalInfoViewModel.format(r.date()), 90));
        table.getColumns().add(column(messages.get("medical.col.title"), MedicalInfoViewModel.Row::title, 230));
        table.getColumns().add(column(messages.get("medical.col.detail"), MedicalInfoViewModel.Row::detail, 260));
        table.getColumns().add(column(messages.get("medical.col.facility"), MedicalInfoViewModel.Row::facility, 150));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        // Checkups: one value over the years, the item chosen beside the chart.
        CategoryAxis years = new CategoryAxis();
        NumberAxis values = new NumberAxis();
        values.setForceZeroInRange(false);
        LineChart<String, Number> checkupChart = new LineChart<>(years, values);
        checkupChart.setId("checkupChart");
        checkupChart.setAnimated(false);
        checkupChart.setLegendVisible(false);
        ComboBox<CheckupItem> item = new ComboBox<>();
        item.setId("checkupItem");
        item.getItems().setAll(CheckupItem.values());
        item.setConverter(converter(i -> ReasonTexts.checkupItem(i, messages) + " (" + i.unit() + ")"));
        item.valueProperty().bindBidirectional(model.chartItem);
        Runnable drawCheckups = () -> {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            for (var point : model.series(model.chartItem.get())) {
                series.getData().add(new XYChart.Data<>(MedicalInfoViewModel.format(point.getKey()), point.getValue()));
            }
            checkupChart.getData().setAll(List.of(series));
            checkupChart.setTitle(ReasonTexts.checkupItem(model.chartItem.get(), messages));
        };
        model.checkups.addListener((ListChangeListener<Object>) c -> drawCheckups.run());
        model.chartItem.addListener((o, was, now) -> drawCheckups.run());
        VBox checkupBox = new VBox(4, item, checkupChart);
        checkupBox.setId("checkupBox");

        // Drugs: each dispensing a point on its drug's line, by date.
        NumberAxis days = new NumberAxis();
        days.setForceZeroInRange(false);
        days.setTickLabelFormatter(
                converter(n -> LocalDate.ofEpochDay(n.longValue()).format(DateTimeFormatter.ofPattern("uu/MM"))));
        CategoryAxis names = new CategoryAxis();
        ScatterChart<Number, String> timeline = new ScatterChart<>(days, names);
        timeline.setId("drugTimeline");
        timeline.setAnimated(false);
        timeline.setLegendVisible(false);
        timeline.setTitle(messages.get("medical.timeline"));
        model.drugs.addListener((ListChangeListener<DispensedDrug>) c -> {
            XYChart.Series<Number, String> series = new XYChart.Series<>();
            for (DispensedDrug d : model.drugs) {
                series.getData().add(new XYChart.Data<>(d.dispensed().toEpochDay(), shortName(d.drugName())));
            }
            timeline.getData().setAll(List.of(series));
        });

        StackPane charts = new StackPane(checkupBox, timeline);
        charts.setPrefHeight(260);
        Runnable chooseChart = () -> {
            boolean checkups = model.category.get() == MedicalCategory.CHECKUP;
            boolean drugs = model.category.get() == MedicalCategory.DRUG;
            checkupBox.setVisible(checkups);
            timeline.setVisible(drugs);
            charts.setVisible(checkups || drugs);
            charts.setManaged(checkups || drugs);
        };
        model.category.addListener((o, was, now) -> chooseChart.run());
        chooseChart.run();

        HBox controls = new HBox(8, patient, category, from, to, filter, load, export);
        HBox.setHgrow(filter, Priority.ALWAYS);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(controls, status, table, charts);
        root.setPadding(new Insets(8));
        root.setId("medicalPane");
    }

    public Node root() {
        return root;
    }

    /** The drug's name up to its strength's brand part, so the timeline's axis stays readable. */
    private static String shortName(String name) {
        int bracket = name.indexOf('「');
        return bracket > 0 ? name.substring(0, bracket) : name;
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        };
    }

    private static TableColumn<MedicalInfoViewModel.Row, String> column(
            String title, Function<MedicalInfoViewModel.Row, String> value, double width) {
        TableColumn<MedicalInfoViewModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
