package org.uketsuke.app.reception;

/**
 * Machine time of the last visit, split by where it went: the card (reads, PIN, signature), the backend (nonce and
 * confirmation round trips) and the レセコン sinks. Human time (typing the PIN) is not in it. Read by the bench.
 */
public record VisitTimings(long cardNanos, long backendNanos, long sinkNanos) {

    public static final VisitTimings NONE = new VisitTimings(0, 0, 0);

    public long totalNanos() {
        return cardNanos + backendNanos + sinkNanos;
    }

    VisitTimings plusCard(long nanos) {
        return new VisitTimings(cardNanos + nanos, backendNanos, sinkNanos);
    }

    VisitTimings plusBackend(long nanos) {
        return new VisitTimings(cardNanos, backendNanos + nanos, sinkNanos);
    }

    VisitTimings plusSink(long nanos) {
        return new VisitTimings(cardNanos, backendNanos, sinkNanos + nanos);
    }
}
