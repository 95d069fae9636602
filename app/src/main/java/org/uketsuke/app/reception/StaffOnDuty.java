package org.uketsuke.app.reception;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who is at the staff screen right now (担当者): the receptionist picks their name from the terminal's staff
 * accounts, and every action they take — 目視確認, a confirmation by insurance number, a look at medical
 * information — carries their id into the audit log. Read from worker threads, set from the FX thread.
 */
public final class StaffOnDuty {

    /** One account: an audit-log token ({@code [A-Za-z0-9._-]}) and the name shown on screen. */
    public record Account(String id, String name) {
        public Account {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("staff id: 1–64 letters, digits, '.', '_' or '-'");
            }
        }
    }

    private final List<Account> accounts;
    private final AtomicReference<Account> current;

    /** @param accounts at least one; the first is on duty until someone else picks their name */
    public StaffOnDuty(List<Account> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one staff account");
        }
        this.accounts = List.copyOf(accounts);
        this.current = new AtomicReference<>(this.accounts.getFirst());
    }

    /** One receptionist: a terminal configured without staff accounts. */
    public static StaffOnDuty single() {
        return new StaffOnDuty(List.of(new Account("staff-01", "受付 / Reception")));
    }

    /** The demo's two receptionists, so the console's 担当者 choice can be tried. */
    public static StaffOnDuty demo() {
        return new StaffOnDuty(List.of(new Account("staff-01", "受付 花子"), new Account("staff-02", "受付 太郎")));
    }

    public List<Account> accounts() {
        return accounts;
    }

    public Account current() {
        return current.get();
    }

    public String currentId() {
        return current.get().id();
    }

    /** Only one of this terminal's accounts can be on duty. */
    public void choose(Account account) {
        if (!accounts.contains(account)) {
            throw new IllegalArgumentException("not a staff account of this terminal: " + account.id());
        }
        current.set(account);
    }
}
