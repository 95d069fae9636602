package org.uketsuke.app.staff;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How the staff console signs staff in: lockout after wrong passwords, the idle lock, and the Argon2id cost of new
 * hashes (docs/decisions/0009-staff-accounts.md).
 */
public record StaffPolicy(LockoutPolicy lockout, Duration idleLock, PasswordHash.Parameters cost) {

    public static final StaffPolicy DEFAULT =
            new StaffPolicy(LockoutPolicy.DEFAULT, Duration.ofMinutes(5), PasswordHash.Parameters.DEFAULT);

    public StaffPolicy {
        Objects.requireNonNull(lockout, "lockout");
        Objects.requireNonNull(idleLock, "idleLock");
        Objects.requireNonNull(cost, "cost");
    }

    /** The console's session on the accounts of the terminal whose data folder is {@code dataDir}. */
    public StaffSession session(Path dataDir, InstantSource clock) {
        return new StaffSession(new StaffSignIn(StaffAccounts.in(dataDir), lockout, clock, cost), idleLock, clock);
    }
}
