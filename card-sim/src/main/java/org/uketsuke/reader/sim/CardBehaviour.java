package org.uketsuke.reader.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How a virtual card behaves beyond its contents, for tests, benchmarks and installers trying a reader stack:
 * whether it takes extended-length APDUs, how slow it answers, when it is pulled off the reader, and from when on
 * it answers nonsense status words. {@link #normal()} is a well-behaved short-APDU card, as the real one is
 * assumed to be (docs/spec-notes/card.md#commands: short APDUs are enough).
 *
 * @param extendedLength accepts extended APDUs (READ BINARY with Le up to 65536); otherwise answers them 6700
 * @param latency added to every answer (a slow card or a slow contactless link)
 * @param removeAfter the card is taken off after answering this many APDUs; {@link #NEVER} for never
 * @param garbageAfter every APDU after this many is answered with {@link #GARBAGE_SW}; {@link #NEVER} for never
 */
public record CardBehaviour(boolean extendedLength, Duration latency, long removeAfter, long garbageAfter) {

    public static final long NEVER = -1;
    /** A status word no ISO/IEC 7816 card sends (SW1 outside 6x/9x). */
    public static final int GARBAGE_SW = 0x1234;

    public CardBehaviour {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative() || removeAfter < NEVER || garbageAfter < NEVER) {
            throw new IllegalArgumentException("negative latency or count");
        }
    }

    public static CardBehaviour normal() {
        return new CardBehaviour(false, Duration.ZERO, NEVER, NEVER);
    }

    public CardBehaviour withExtendedLength() {
        return new CardBehaviour(true, latency, removeAfter, garbageAfter);
    }

    public CardBehaviour withLatency(Duration perApdu) {
        return new CardBehaviour(extendedLength, perApdu, removeAfter, garbageAfter);
    }

    public CardBehaviour removedAfter(long apdus) {
        return new CardBehaviour(extendedLength, latency, apdus, garbageAfter);
    }

    public CardBehaviour garbageAfter(long apdus) {
        return new CardBehaviour(extendedLength, latency, removeAfter, apdus);
    }
}
