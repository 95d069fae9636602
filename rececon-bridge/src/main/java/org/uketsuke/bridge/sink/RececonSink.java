package org.uketsuke.bridge.sink;

import java.util.List;

/** A place the レセコン reads qualifications from. Delivery must be idempotent by the entry's key. */
public interface RececonSink extends AutoCloseable {

    String name();

    /** Delivers one entry; throws when it could not, so the outbox keeps it pending with the reason. */
    void deliver(OutboxEntry entry) throws Exception;

    /**
     * Delivers several entries with as few synchronous writes as the sink allows (one transaction, one folder sync,
     * one rewrite of a file), each entry still idempotent by its key; says per entry whether the sink now holds it. A
     * crash inside leaves every entry either held or not, never half. By default one at a time.
     */
    default BatchDelivery deliverAll(List<OutboxEntry> entries) {
        return BatchDelivery.oneByOne(this, entries);
    }

    @Override
    default void close() {}
}
