package org.uketsuke.bridge.store;

import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.sink.OutboxEntry;

/** Outbox entries as the bridge hands them to sinks, for tests that call a sink directly. */
public final class Entries {

    private Entries() {}

    public static OutboxEntry of(long id, Confirmation confirmation) {
        return RececonStoreContract.entry(id, confirmation);
    }
}
