package org.uketsuke.app.ui;

import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The staff console's 設定 tab: binds a {@link SettingsViewModel}, holds no logic. */
public final class SettingsView {

    private final ScrollPane root;

    public SettingsView(SettingsViewModel model, Messages messages) {
        VBox sections = new VBox(14);
        sections.setPadding(new Insets(8));
        for (Map.Entry<String, List<String>> section : SettingsViewModel.SECTIONS.entrySet()) {
            Label title = new Label(messages.get("settings.section." + section.getKey()));
            title.getStyleClass().add("staff-section");
            GridPane grid = new GridPane(10, 4);
            int row = 0;
            for (String key : section.getValue()) {
                Label label = new Label(messages.get("settings.key." + key));
                label.setMinWidth(Region.USE_PREF_SIZE);
                Node input = key.equals("reader") ? readerBox(model) : field(model, key, messages);
                Label problem = new Label();
                problem.setId("settingProblem-" + id(key));
                problem.getStyleClass().add("staff-problems");
                problem.setWrapText(true);
                problem.textProperty().bind(Bindings.valueAt(model.problems, key));
                grid.addRow(row++, label, input, problem);
            }
            sections.getChildren().addAll(title, grid, diagnostics(section.getKey(), model, messages));
        }
        Button save = button("saveSettings", messages.get("settings.save"), model::save);
        save.getStyleClass().add("accent");
        Label saved = status("saveStatus", model.saveStatus);
        sections.getChildren().add(new HBox(12, save, saved));
        root = new ScrollPane(sections);
        root.setId("settingsPane");
        root.setFitToWidth(true);
        model.validate();
    }

    public Parent root() {
        return root;
    }

    /** The view as the staff console's 設定 tab. */
    public static Tab tab(SettingsViewModel model, Messages messages) {
        Tab tab = new Tab(messages.get("staff.settings"), new SettingsView(model, messages).root());
        tab.setId("settingsTab");
        return tab;
    }

    private static Node diagnostics(String section, SettingsViewModel model, Messages messages) {
        return switch (section) {
            case "devices" ->
                new VBox(
                        6,
                        new HBox(
                                12,
                                button(
                                        "refreshReaders",
                                        messages.get("settings.reader.refresh"),
                                        model::refreshReaders),
                                status("readerStatus", model.readerStatus)),
                        new HBox(
                                12,
                                button("testCamera", messages.get("settings.camera.test"), model::testCamera),
                                status("cameraStatus", model.cameraStatus)));
            case "backend" ->
                new VBox(
                        6,
                        new HBox(
                                12,
                                button(
                                        "showCertificate",
                                        messages.get("settings.certificate.show"),
                                        model::showCertificate),
                                status("certificateStatus", model.certificateStatus)),
                        new HBox(
                                12,
                                button(
                                        "testConnection",
                                        messages.get("settings.connection.test"),
                                        model::testConnection),
                                status("connectionStatus", model.connectionStatus)));
            default -> new VBox();
        };
    }

    private static ComboBox<String> readerBox(SettingsViewModel model) {
        ComboBox<String> box = new ComboBox<>(model.readers);
        box.setId("setting-reader");
        box.setEditable(true);
        box.setPrefWidth(360);
        box.getEditor().textProperty().bindBidirectional(model.field("reader"));
        box.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.field("reader").set(now);
            }
        });
        return box;
    }

    private static Node field(SettingsViewModel model, String key, Messages messages) {
        TextField field = new TextField();
        field.setId("setting-" + id(key));
        field.setPrefColumnCount(22);
        field.textProperty().bindBidirectional(model.field(key));
        if (!SettingsViewModel.READ_ONLY.contains(key)) {
            return field;
        }
        // Shown, not editable: it starts code, so it is changed in uketsuke.conf on the machine, not here.
        field.setEditable(false);
        field.setFocusTraversable(false);
        Label note = new Label(messages.get("settings.readOnly"));
        note.setId("settingReadOnly-" + id(key));
        note.setWrapText(true);
        return new VBox(2, field, note);
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static Label status(String id, StringProperty text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        return label;
    }

    /** A node id from a key: {@code backend.url} → {@code backend-url}. */
    public static String id(String key) {
        return key.replace('.', '-').replace('_', '-');
    }
}
