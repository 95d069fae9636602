package org.uketsuke.app.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The staff console's sign-in screen, shown until someone signs in and again when the console locks. */
public final class LoginView {

    private final VBox root;

    public LoginView(LoginViewModel model, Messages messages) {
        Label title = new Label(messages.get("login.title"));
        title.getStyleClass().add("staff-title");
        TextField id = new TextField();
        id.setId("loginStaffId");
        id.setPrefColumnCount(16);
        id.textProperty().bindBidirectional(model.staffId);
        PasswordField password = new PasswordField();
        password.setId("loginPassword");
        password.setPrefColumnCount(16);
        password.textProperty().bindBidirectional(model.password);
        Button signIn = new Button(messages.get("login.signIn"));
        signIn.setId("loginSignIn");
        signIn.setDefaultButton(true);
        signIn.getStyleClass().add("accent");
        signIn.disableProperty().bind(model.busy);
        signIn.setOnAction(e -> model.signIn());
        password.setOnAction(e -> model.signIn());
        GridPane form = new GridPane(10, 8);
        form.addRow(0, new Label(messages.get("login.staffId")), id);
        form.addRow(1, new Label(messages.get("login.password")), password);
        form.setAlignment(Pos.CENTER);
        Label message = new Label();
        message.setId("loginMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.message);
        root = new VBox(16, title, form, signIn, message);
        root.setId("loginPane");
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(32));
        root.setMaxWidth(560);
        root.getStyleClass().add("staff-root");
    }

    public Parent root() {
        return root;
    }
}
