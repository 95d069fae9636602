package org.uketsuke.app.staff;

import java.util.EnumSet;
import java.util.Set;

/** The staff member signed in at the console: who goes into the audit log and onto 目視確認 statements. */
public record StaffMember(String id, String name, Set<Role> roles) {

    public StaffMember {
        StaffAccount.checkId(id);
        StaffAccount.checkName(name);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    static StaffMember of(StaffAccount account) {
        return new StaffMember(account.id(), account.name(), account.roles());
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
