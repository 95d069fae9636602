package org.uketsuke.bridge.sink;

import java.time.Instant;
import org.uketsuke.eligibility.IdentityMethod;

/**
 * One durable outbox entry as sinks receive it; {@code resultXml} is the result message as the system sent it (its own
 * character set, see {@code ResultBytes}). Not a record: it reads its message once ({@link ConfirmedEntry#of}) for all
 * the sinks a page goes to — the store, the face folder and the CSV export each parsed it again before, most of a
 * 一括照会's delivery CPU (docs/tuning.md). Equal only to itself, as before (its bytes were a copy).
 */
public final class OutboxEntry {

    private final DeliveryId id;
    private final String idempotencyKey;
    private final Instant confirmedAt;
    private final IdentityMethod method;
    private final byte[] resultXml;
    private ConfirmedEntry read;
    private SinkFailure unreadable;

    public OutboxEntry(
            DeliveryId id, String idempotencyKey, Instant confirmedAt, IdentityMethod method, byte[] resultXml) {
        this.id = id;
        this.idempotencyKey = idempotencyKey;
        this.confirmedAt = confirmedAt;
        this.method = method;
        this.resultXml = resultXml.clone();
    }

    public DeliveryId id() {
        return id;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public IdentityMethod method() {
        return method;
    }

    public byte[] resultXml() {
        return resultXml.clone();
    }

    /** The message read on the first call, the same answer (or the same failure) on every later one. */
    synchronized ConfirmedEntry confirmed() throws SinkFailure {
        readOnce();
        if (unreadable != null) {
            throw unreadable;
        }
        return read;
    }

    /** Reads the message unless it was read: its answer or its failure kept for {@link #confirmed}. */
    synchronized void readOnce() {
        if (read == null && unreadable == null) {
            try {
                read = ConfirmedEntry.read(this, resultXml);
            } catch (SinkFailure e) {
                unreadable = e;
            }
        }
    }

    @Override
    public String toString() {
        return "OutboxEntry[id=" + id + ", idempotencyKey=" + idempotencyKey + ", confirmedAt=" + confirmedAt
                + ", method=" + method + "]";
    }
}
