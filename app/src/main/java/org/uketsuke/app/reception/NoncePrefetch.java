package org.uketsuke.app.reception;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.reader.api.ApduTransport;

/**
 * The backend's nonce asked for as soon as a card is read, while the card works and the patient types the PIN, so
 * that the confirmation after the signature costs one round trip instead of two (and finds the mTLS connection open).
 *
 * <p>A prefetched nonce keeps the properties of one fetched at the signature: it is handed out at most once; only to
 * the card session it was fetched for (a card removed and another one read never gets it: the end of the visit drops
 * it, and a different session does not match); and only while it is younger than {@link #MAX_AGE}, half the lifetime
 * the backend gives a nonce (docs/backend-api.md: 60 s), counted from when it was asked for. Otherwise the backend is
 * asked again, as it was before the prefetch. A dropped nonce is never sent anywhere; the backend lets it expire.
 */
final class NoncePrefetch {

    static final Duration MAX_AGE = Duration.ofSeconds(30);

    /** One short-lived virtual thread per card read: the request blocks on the network, not on a core. */
    private static final Executor FETCHER =
            task -> Thread.ofVirtual().name("nonce-prefetch").start(task);

    private final EligibilityClient client;
    private final InstantSource clock;
    private final AtomicReference<Pending> pending = new AtomicReference<>();

    /**
     * A nonce being fetched for one card session, and when it was asked for. The session is its open transport: the
     * visit's {@link CardSession} value is replaced when an Android phone's certificate is read after the PIN.
     */
    private record Pending(ApduTransport session, Instant asked, CompletableFuture<NonceOutcome> outcome) {}

    NoncePrefetch(EligibilityClient client, InstantSource clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Starts fetching a nonce for the visit of {@code card}; one fetched for an earlier card is dropped. */
    void start(CardSession card) {
        Pending fresh =
                new Pending(card.transport(), clock.instant(), CompletableFuture.supplyAsync(client::nonce, FETCHER));
        drop(pending.getAndSet(fresh));
    }

    /** The visit ended (card removed, cancelled, done): what was fetched for it is never used. */
    void discard() {
        drop(pending.getAndSet(null));
    }

    /**
     * A nonce for the next signature of the visit of {@code card}: the one fetched for this very session when it is
     * still fresh and was issued, else one asked for now (whose answer also says whether the system is down).
     */
    @SuppressWarnings("ReferenceEquality") // the same open session, not an equal one: identity is the point
    NonceOutcome take(Optional<CardSession> card) {
        Pending taken = pending.getAndSet(null);
        if (taken != null && card.isPresent() && taken.session() == card.get().transport() && fresh(taken)) {
            try {
                if (taken.outcome().join() instanceof NonceOutcome.Issued issued) {
                    return issued;
                }
            } catch (CompletionException e) {
                // A prefetch that broke is as if there had been none: the backend is asked now.
            }
        }
        drop(taken);
        return client.nonce();
    }

    private boolean fresh(Pending pending) {
        return Duration.between(pending.asked(), clock.instant()).compareTo(MAX_AGE) < 0;
    }

    private static void drop(Pending pending) {
        if (pending != null) {
            pending.outcome().cancel(false);
        }
    }
}
