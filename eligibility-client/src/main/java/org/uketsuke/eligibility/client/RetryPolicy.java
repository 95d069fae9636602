package org.uketsuke.eligibility.client;

import java.time.Duration;

/**
 * Bounded retries for idempotent calls only (batch status, CRL and OCSP fetches): another attempt after a transport
 * failure other than TLS, or after HTTP 502/503/504, waiting {@code initialBackoff} and doubling up to
 * {@code maxBackoff}, and never past the call's overall timeout. Confirmations, nonces, registrations and passcodes
 * are never retried: sending them twice could confirm, register or issue twice.
 *
 * @param maxAttempts attempts in all, including the first (1: no retry)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Three attempts, 200 ms then 400 ms apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    /** No retries at all. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("1–10 attempts, not " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be ≥ 0 and maxBackoff ≥ initialBackoff");
        }
    }

    /** The wait before attempt {@code attempt + 1} (attempt counted from 1). */
    Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
