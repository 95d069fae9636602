package org.uketsuke.app.staff;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Managing staff accounts: add, new password, roles, unlock, remove, list. Every change needs an administrator (the
 * console's signed-in one; the {@code uketsuke staff} command acts as the machine's administrator, who owns the
 * file). Passwords arrive as char arrays, are hashed with Argon2id and wiped; they are never stored or logged.
 */
public final class StaffAdministration {

    /** At least this long: the lockout stops guessing at the console, length stops it against a copied file. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    private final StaffAccounts accounts;
    private final Authorizer staff;
    private final PasswordHash.Parameters cost;

    public StaffAdministration(StaffAccounts accounts, Authorizer staff, PasswordHash.Parameters cost) {
        this.accounts = accounts;
        this.staff = staff;
        this.cost = cost;
    }

    /** The accounts as their administrator sees them (no hashes). */
    public List<StaffAccount> list() {
        staff.require(Role.ADMINISTRATOR);
        return accounts.list();
    }

    /**
     * @throws IllegalArgumentException for a bad id, name or password, or an id already taken
     */
    public void add(String id, String name, Set<Role> roles, char[] password) {
        staff.require(Role.ADMINISTRATOR);
        StaffAccount.checkId(id);
        StaffAccount.checkName(name);
        accounts.add(new StaffAccount(id, name, roles, hash(password), 0, Optional.empty()));
    }

    /** A new password; also unlocks the account. */
    public void setPassword(String id, char[] password) {
        staff.require(Role.ADMINISTRATOR);
        PasswordHash hash = hash(password);
        accounts.update(id, a -> a.withPassword(hash));
    }

    public void setRoles(String id, Set<Role> roles) {
        staff.require(Role.ADMINISTRATOR);
        accounts.update(id, a -> a.withRoles(roles));
    }

    public void unlock(String id) {
        staff.require(Role.ADMINISTRATOR);
        accounts.update(id, StaffAccount::unlocked);
    }

    /** @throws IllegalArgumentException for the last administrator, or the one signed in removing themselves */
    public void remove(String id) {
        StaffMember admin = staff.require(Role.ADMINISTRATOR);
        if (admin.id().equals(id)) {
            throw new IllegalArgumentException("an administrator cannot remove their own account");
        }
        accounts.remove(id);
    }

    private PasswordHash hash(char[] password) {
        try {
            if (password.length < MIN_PASSWORD_LENGTH) {
                throw new IllegalArgumentException(
                        "a staff password has at least " + MIN_PASSWORD_LENGTH + " characters");
            }
            return PasswordHash.of(password, cost);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
