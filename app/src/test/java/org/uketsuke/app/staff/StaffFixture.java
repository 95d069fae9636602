package org.uketsuke.app.staff;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Accounts in a temporary folder with cheap Argon2id parameters, and a clock the test moves. */
final class StaffFixture {

    /** Small enough for tests; the production cost is checked once in {@code PasswordHashTest}. */
    static final PasswordHash.Parameters CHEAP = new PasswordHash.Parameters(256, 1, 1);

    final StaffAccounts accounts;
    /** The clock the test moves. */
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T09:00:00Z"));

    final InstantSource clock = now::get;

    StaffFixture(Path dir) {
        accounts = StaffAccounts.in(dir);
    }

    StaffAccount add(String id, String password, Role... roles) {
        StaffAccount account = new StaffAccount(
                id, "名前 " + id, Set.of(roles), PasswordHash.of(password.toCharArray(), CHEAP), 0, Optional.empty());
        accounts.add(account);
        return account;
    }

    StaffSession session(LockoutPolicy policy) {
        return new StaffSession(new StaffSignIn(accounts, policy, clock, CHEAP), Duration.ofMinutes(5), clock);
    }
}
