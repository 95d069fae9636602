package org.uketsuke.app.staff;

import java.util.Arrays;
import java.util.Set;

/**
 * The role check a service makes before a staff action: returns who is acting, or refuses. {@link StaffSession} is
 * the console's; a service takes this interface so that it can be given any session (or a fixed member in a tool).
 */
@FunctionalInterface
public interface Authorizer {

    /**
     * @return the signed-in member holding one of {@code anyOf}
     * @throws NotPermitted when nobody is signed in or the member holds none of them
     */
    StaffMember require(Role... anyOf);

    /** Always the same member, checked for the role like a session (a command-line tool acting as one person). */
    static Authorizer fixed(StaffMember member) {
        return anyOf -> {
            if (Arrays.stream(anyOf).noneMatch(member::has)) {
                throw new NotPermitted(Set.of(anyOf), member.id());
            }
            return member;
        };
    }
}
