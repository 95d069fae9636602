package org.uketsuke.app.staff;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One staff account as the accounts file holds it.
 *
 * @param id the audit log's token for this person ({@code [A-Za-z0-9._-]}, 1–64)
 * @param name shown on the console and on 目視確認 statements (no tab, no line break)
 * @param failures failed sign-ins since the last good one
 * @param lockedUntil when a lockout ends; {@link Instant#MAX} until an administrator unlocks; empty when not locked
 */
public record StaffAccount(
        String id, String name, Set<Role> roles, PasswordHash password, int failures, Optional<Instant> lockedUntil) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public StaffAccount {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        checkId(id);
        checkName(name);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** @throws IllegalArgumentException when {@code id} is no valid staff id */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("staff id: 1–64 letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    /** @throws IllegalArgumentException when {@code name} is empty or holds a control character */
    public static String checkName(String name) {
        if (name == null
                || name.isBlank()
                || name.length() > 100
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("staff name: 1–100 characters, no tab or line break");
        }
        return name;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }

    public StaffAccount withPassword(PasswordHash hash) {
        return new StaffAccount(id, name, roles, hash, 0, Optional.empty());
    }

    public StaffAccount withRoles(Set<Role> newRoles) {
        return new StaffAccount(id, name, newRoles, password, failures, lockedUntil);
    }

    public StaffAccount withFailures(int count, Optional<Instant> until) {
        return new StaffAccount(id, name, roles, password, count, until);
    }

    public StaffAccount unlocked() {
        return withFailures(0, Optional.empty());
    }
}
