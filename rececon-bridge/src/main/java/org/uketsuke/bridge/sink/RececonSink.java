package org.uketsuke.bridge.sink;

/** A place the レセコン reads qualifications from. Delivery must be idempotent by the entry's key. */
public interface RececonSink extends AutoCloseable {

    String name();

    /** Delivers one entry; throws when it could not, so the outbox keeps it pending with the reason. */
    void deliver(OutboxEntry entry) throws Exception;

    @Override
    default void close() {}
}
