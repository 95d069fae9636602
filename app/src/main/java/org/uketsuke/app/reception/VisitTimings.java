package org.uketsuke.app.reception;

/**
 * Machine time of the last visit, split by where it went: the card (reads, PIN, signature), the backend (nonce and
 * confirmation round trips) and the レセコン sinks. Human time (typing the PIN) is not in it. Read by the bench.
 */
public record VisitTimings(long cardNanos, long backendNanos, long sinkNanos) {

    public static final VisitTimings NONE = new VisitTimings(0, 0, 0);

    /** Where a step spends its time. */
    enum Part {
        CARD,
        BACKEND,
        SINK
    }

    public long totalNanos() {
        return cardNanos + backendNanos + sinkNanos;
    }

    VisitTimings plus(Part part, long nanos) {
        return switch (part) {
            case CARD -> new VisitTimings(cardNanos + nanos, backendNanos, sinkNanos);
            case BACKEND -> new VisitTimings(cardNanos, backendNanos + nanos, sinkNanos);
            case SINK -> new VisitTimings(cardNanos, backendNanos, sinkNanos + nanos);
        };
    }
}
