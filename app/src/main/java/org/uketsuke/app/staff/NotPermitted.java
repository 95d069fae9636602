package org.uketsuke.app.staff;

import java.util.Set;

/**
 * A console action refused because nobody is signed in or the one signed in lacks the role. The console hides what
 * a member may not do, so reaching this means a bypassed screen: the service refuses rather than trusts the button.
 */
public final class NotPermitted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Any of these would have allowed the action. */
    private final Set<Role> needed;

    /** The member who tried, or empty when nobody was signed in (or the console had locked). */
    private final String staffId;

    public NotPermitted(Set<Role> needed, String staffId) {
        super((staffId.isEmpty() ? "nobody signed in" : "staff '" + staffId + "'") + " lacks the role " + needed);
        this.needed = Set.copyOf(needed);
        this.staffId = staffId;
    }

    public Set<Role> needed() {
        return needed;
    }

    public String staffId() {
        return staffId;
    }
}
