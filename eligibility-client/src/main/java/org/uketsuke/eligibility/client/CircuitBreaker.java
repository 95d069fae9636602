package org.uketsuke.eligibility.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fails fast during an outage: after {@code threshold} transport failures in a row the circuit opens and calls are
 * refused at once for {@code coolDown} (the kiosk shows "unavailable" in milliseconds instead of waiting for every
 * timeout); then one trial call goes through, and a success closes it again. Thread-safe.
 */
public final class CircuitBreaker {

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int failures;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Whether a call may go out now. */
    public synchronized boolean allows() {
        return !clock.instant().isBefore(openUntil);
    }

    public synchronized void success() {
        failures = 0;
        openUntil = Instant.MIN;
    }

    public synchronized void failure() {
        failures++;
        if (failures >= threshold) {
            openUntil = clock.instant().plus(coolDown);
        }
    }
}
