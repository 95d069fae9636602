package org.uketsuke.app.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.uketsuke.app.staff.Role;

/** The administrators' スタッフ tab: binds a {@link StaffAccountsViewModel}, holds no logic. */
public final class StaffAccountsView {

    private StaffAccountsView() {}

    public static Tab tab(StaffAccountsViewModel model, Messages messages) {
        TableView<StaffAccountsViewModel.Row> table = new TableView<>(model.rows);
        table.setId("accountsTable");
        table.getColumns().add(column(messages.get("accounts.col.id"), StaffAccountsViewModel.Row::id));
        table.getColumns().add(column(messages.get("accounts.col.name"), StaffAccountsViewModel.Row::name));
        table.getColumns().add(column(messages.get("accounts.col.roles"), StaffAccountsViewModel.Row::roles));
        table.getColumns().add(column(messages.get("accounts.col.locked"), StaffAccountsViewModel.Row::locked));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.staffId.set(now.id());
                model.name.set(now.name());
            }
        });
        TextField id = new TextField();
        id.setId("accountId");
        id.textProperty().bindBidirectional(model.staffId);
        TextField name = new TextField();
        name.setId("accountName");
        name.textProperty().bindBidirectional(model.name);
        PasswordField password = new PasswordField();
        password.setId("accountPassword");
        password.textProperty().bindBidirectional(model.password);
        HBox roles = new HBox(10);
        for (Role role : Role.values()) {
            CheckBox box = new CheckBox(messages.get("role." + role.name()));
            box.setId("accountRole-" + role.token());
            box.selectedProperty().addListener((obs, was, now) -> {
                if (now) {
                    model.roles.add(role);
                } else {
                    model.roles.remove(role);
                }
            });
            roles.getChildren().add(box);
        }
        GridPane form = new GridPane(10, 6);
        form.addRow(0, new Label(messages.get("accounts.col.id")), id);
        form.addRow(1, new Label(messages.get("accounts.col.name")), name);
        form.addRow(2, new Label(messages.get("accounts.password")), password);
        form.addRow(3, new Label(messages.get("accounts.col.roles")), roles);
        HBox buttons = new HBox(
                10,
                button("accountAdd", messages.get("accounts.add"), model::add, model),
                button("accountSetPassword", messages.get("accounts.setPassword"), model::setPassword, model),
                button("accountRoles", messages.get("accounts.setRoles"), model::setRoles, model),
                button("accountUnlock", messages.get("accounts.unlock"), model::unlock, model),
                button("accountRemove", messages.get("accounts.remove"), model::remove, model));
        Label message = new Label();
        message.setId("accountsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.message);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox pane = new VBox(10, table, form, buttons, message);
        pane.setPadding(new Insets(8, 0, 0, 0));
        Tab tab = new Tab(messages.get("accounts.title"), pane);
        tab.setId("accountsTab");
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                model.refresh();
            }
        });
        return tab;
    }

    private static Button button(String id, String text, Runnable action, StaffAccountsViewModel model) {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(model.busy);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static TableColumn<StaffAccountsViewModel.Row, String> column(
            String title, Function<StaffAccountsViewModel.Row, String> value) {
        TableColumn<StaffAccountsViewModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
