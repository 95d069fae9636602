package org.uketsuke.bridge.sink;

import java.time.Instant;
import org.uketsuke.eligibility.IdentityMethod;

/** One durable outbox entry as sinks receive it; {@code resultXml} is the official result message (UTF-8). */
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
