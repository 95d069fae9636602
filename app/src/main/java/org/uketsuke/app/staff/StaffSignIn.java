package org.uketsuke.app.staff;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Checks a staff id and password against the accounts file and keeps the failure count: {@link LockoutPolicy}
 * wrong passwords in a row lock the account. An unknown id costs the same Argon2id work as a known one, so the time
 * taken does not tell which ids exist.
 */
public final class StaffSignIn {

    private final StaffAccounts accounts;
    private final LockoutPolicy policy;
    private final InstantSource clock;
    private final PasswordHash.Parameters cost;
    /** Made at the first unknown id, on the sign-in worker: the terminal's start (on the FX thread) does not wait. */
    private PasswordHash decoy;

    public StaffSignIn(
            StaffAccounts accounts, LockoutPolicy policy, InstantSource clock, PasswordHash.Parameters cost) {
        this.accounts = accounts;
        this.policy = policy;
        this.clock = clock;
        this.cost = cost;
    }

    public SignIn signIn(String id, char[] password) {
        Optional<StaffAccount> found = accounts.find(id == null ? "" : id.strip());
        if (found.isEmpty()) {
            decoy().matches(password);
            return new SignIn.Refused();
        }
        StaffAccount account = found.get();
        Instant now = clock.instant();
        if (account.lockedAt(now)) {
            return locked(account);
        }
        if (account.password().matches(password)) {
            if (account.failures() > 0 || account.lockedUntil().isPresent()) {
                accounts.update(account.id(), StaffAccount::unlocked);
            }
            return new SignIn.SignedIn(StaffMember.of(account));
        }
        int failures = account.failures() + 1;
        if (failures >= policy.maxFailures()) {
            Instant until = policy.untilUnlocked() ? Instant.MAX : now.plus(policy.lockFor());
            return locked(accounts.update(account.id(), a -> a.withFailures(failures, Optional.of(until))));
        }
        accounts.update(account.id(), a -> a.withFailures(failures, Optional.empty()));
        return new SignIn.Refused();
    }

    private synchronized PasswordHash decoy() {
        if (decoy == null) {
            decoy = PasswordHash.of("decoy".toCharArray(), cost);
        }
        return decoy;
    }

    private static SignIn locked(StaffAccount account) {
        return new SignIn.Locked(account.lockedUntil().filter(t -> !t.equals(Instant.MAX)));
    }
}
