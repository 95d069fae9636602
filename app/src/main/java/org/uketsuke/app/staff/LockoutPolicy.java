package org.uketsuke.app.staff;

import java.time.Duration;

/**
 * When repeated wrong passwords lock an account, and for how long.
 *
 * @param maxFailures wrong passwords in a row that lock the account
 * @param lockFor how long it stays locked; {@link Duration#ZERO}: until an administrator unlocks it
 */
public record LockoutPolicy(int maxFailures, Duration lockFor) {

    /** Five tries, then fifteen minutes: enough for typos, far too few for guessing a ten-character password. */
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, Duration.ofMinutes(15));

    public LockoutPolicy {
        if (maxFailures < 1 || lockFor.isNegative()) {
            throw new IllegalArgumentException("lockout: at least one try, a non-negative time");
        }
    }

    public boolean untilUnlocked() {
        return lockFor.isZero();
    }
}
