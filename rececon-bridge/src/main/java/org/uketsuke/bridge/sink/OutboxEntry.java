package org.uketsuke.bridge.sink;

import java.time.Instant;
import org.uketsuke.eligibility.IdentityMethod;

/** One durable outbox entry as sinks receive it; {@code resultXml} is the result message as the system sent it
 * (its own character set, see {@code ResultBytes}). */
public record OutboxEntry(
        DeliveryId id, String idempotencyKey, Instant confirmedAt, IdentityMethod method, byte[] resultXml) {

    public OutboxEntry {
        resultXml = resultXml.clone();
    }

    @Override
    public byte[] resultXml() {
        return resultXml.clone();
    }
}
