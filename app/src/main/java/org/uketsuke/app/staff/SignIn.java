package org.uketsuke.app.staff;

import java.time.Instant;
import java.util.Optional;

/** How a sign-in at the console ended; each outcome has its ja/en text ({@code login.*}). */
public sealed interface SignIn {

    record SignedIn(StaffMember member) implements SignIn {}

    /** Unknown id or wrong password: the screen does not say which, so ids cannot be probed. */
    record Refused() implements SignIn {}

    /**
     * Too many wrong passwords; the password is not even checked while locked.
     *
     * @param until when it unlocks by itself, empty when only an administrator can unlock it
     */
    record Locked(Optional<Instant> until) implements SignIn {}
}
