package org.uketsuke.app.ui;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffAccount;
import org.uketsuke.app.staff.StaffAdministration;

/**
 * The administrators' スタッフ tab: the accounts, and a form to add one, set a password or roles, unlock or remove.
 * Each change runs on the worker through {@link StaffAdministration}, which checks the administrator role itself.
 */
public final class StaffAccountsViewModel {

    /** One line of the table (no hash). */
    public record Row(String id, String name, String roles, String locked) {}

    public final ObservableList<Row> rows = FXCollections.observableArrayList();
    public final StringProperty staffId = new SimpleStringProperty("");
    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty password = new SimpleStringProperty("");
    public final StringProperty message = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** The roles ticked in the form. */
    public final ObservableList<Role> roles = FXCollections.observableArrayList();

    private final StaffAdministration administration;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;

    public StaffAccountsViewModel(StaffAdministration administration, Executor worker, Executor fx, Messages messages) {
        this.administration = administration;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
    }

    public void refresh() {
        run(() -> "", false);
    }

    public void add() {
        String id = staffId.get().strip();
        String display = name.get().strip();
        Set<Role> chosen = chosenRoles();
        char[] secret = takePassword();
        run(
                () -> {
                    administration.add(id, display, chosen, secret);
                    return messages.get("accounts.added", id);
                },
                true);
    }

    public void setPassword() {
        String id = staffId.get().strip();
        char[] secret = takePassword();
        run(
                () -> {
                    administration.setPassword(id, secret);
                    return messages.get("accounts.passwordSet", id);
                },
                true);
    }

    public void setRoles() {
        String id = staffId.get().strip();
        Set<Role> chosen = chosenRoles();
        run(
                () -> {
                    administration.setRoles(id, chosen);
                    return messages.get("accounts.rolesSet", id);
                },
                true);
    }

    public void unlock() {
        String id = staffId.get().strip();
        run(
                () -> {
                    administration.unlock(id);
                    return messages.get("accounts.unlocked", id);
                },
                true);
    }

    public void remove() {
        String id = staffId.get().strip();
        run(
                () -> {
                    administration.remove(id);
                    return messages.get("accounts.removed", id);
                },
                true);
    }

    private Set<Role> chosenRoles() {
        return roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }

    private char[] takePassword() {
        char[] secret = password.get() == null ? new char[0] : password.get().toCharArray();
        password.set("");
        return secret;
    }

    /** Runs a change (or just a read) on the worker; the list and the outcome come back on the FX thread. */
    private void run(Supplier<String> change, boolean isChange) {
        busy.set(true);
        worker.execute(() -> {
            String outcome;
            try {
                outcome = change.get();
            } catch (NotPermitted e) {
                outcome = messages.get("staff.notPermitted");
            } catch (IllegalArgumentException e) {
                outcome = messages.get("accounts.refused", e.getMessage());
            }
            List<Row> listed;
            try {
                listed = administration.list().stream().map(this::row).toList();
            } catch (NotPermitted e) {
                listed = List.of();
            }
            String said = outcome;
            List<Row> shown = listed;
            fx.execute(() -> {
                busy.set(false);
                rows.setAll(shown);
                if (isChange) {
                    message.set(said);
                }
            });
        });
    }

    private Row row(StaffAccount account) {
        List<String> names = account.roles().stream()
                .sorted()
                .map(role -> messages.get("role." + role.name()))
                .toList();
        return new Row(
                account.id(),
                account.name(),
                String.join(", ", names),
                account.lockedUntil().isPresent() ? messages.get("accounts.locked") : "");
    }
}
