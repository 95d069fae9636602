package org.uketsuke.bridge;

import java.time.Instant;
import java.util.Objects;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.IdentityMethod;

/**
 * A confirmed qualification to hand to the レセコン.
 *
 * @param idempotencyKey one per confirmation (the request's ArbitraryFileIdentifier): a second submit is a no-op
 */
public record Confirmation(
        String idempotencyKey, Instant confirmedAt, IdentityMethod method, ConfirmationOutcome.Confirmed result) {

    public Confirmation {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(result, "result");
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("empty idempotency key");
        }
    }
}
