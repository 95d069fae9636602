package org.uketsuke.bridge;

import java.time.Instant;
import java.util.Map;
import org.uketsuke.bridge.sink.DeliveryId;

/**
 * What the staff console shows for one outbox entry.
 *
 * @param sinks per sink: delivered or not
 * @param lastError the reason of the last failed attempt, or null
 * @param confirmedAt when the confirmation was made (not when it was delivered)
 */
public record DeliveryStatus(
        DeliveryId id,
        String idempotencyKey,
        State state,
        int attempts,
        String lastError,
        Map<String, Boolean> sinks,
        Instant confirmedAt) {

    public enum State {
        PENDING,
        DELIVERED,
        /** Parked after too many attempts: visible, re-sendable, never dropped. */
        FAILED
    }
}
