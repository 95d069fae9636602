package org.uketsuke.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.uketsuke.app.staff.SignIn;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.staff.StaffSession;

/**
 * The staff console's sign-in: staff id and password, checked on the worker (Argon2id takes a moment); the outcome
 * is said in the console's language, without telling whether an id exists.
 */
public final class LoginViewModel {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    public final StringProperty staffId = new SimpleStringProperty("");
    public final StringProperty password = new SimpleStringProperty("");
    public final StringProperty message = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);

    private final StaffSession session;
    private final StaffAccounts accounts;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;

    public LoginViewModel(
            StaffSession session, StaffAccounts accounts, Executor worker, Executor fx, Messages messages) {
        this.session = session;
        this.accounts = accounts;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
        message.set(messages.get("login.prompt"));
    }

    /** Asks again whether any administrator exists (a first start says how to create one). */
    public void refresh() {
        worker.execute(() -> {
            boolean ready = accounts.hasAdministrator();
            fx.execute(() -> message.set(messages.get(ready ? "login.prompt" : "login.noAdministrator")));
        });
    }

    public void signIn() {
        if (busy.get()) {
            return;
        }
        String id = staffId.get() == null ? "" : staffId.get().strip();
        char[] secret = password.get() == null ? new char[0] : password.get().toCharArray();
        password.set("");
        busy.set(true);
        worker.execute(() -> {
            SignIn outcome = session.signIn(id, secret);
            fx.execute(() -> {
                busy.set(false);
                message.set(text(outcome));
                if (outcome instanceof SignIn.SignedIn) {
                    staffId.set("");
                }
            });
        });
    }

    private String text(SignIn outcome) {
        return switch (outcome) {
            case SignIn.SignedIn signedIn ->
                messages.get("login.signedIn", signedIn.member().name());
            case SignIn.Refused refused -> messages.get("login.refused");
            case SignIn.Locked locked ->
                locked.until()
                        .map(until -> messages.get("login.locked.until", TIME.format(until)))
                        .orElse(messages.get("login.locked.admin"));
        };
    }
}
