package org.uketsuke.bridge.sink;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sink did with a batch of outbox entries: each one now held by the sink ({@code delivered}: written now or
 * found there already) or not, with the reason ({@code failed}). The outbox records both per entry.
 */
public record BatchDelivery(Set<DeliveryId> delivered, Map<DeliveryId, Exception> failed) {

    public BatchDelivery {
        delivered = Set.copyOf(delivered);
        failed = Map.copyOf(failed);
    }

    /** Every entry failed for the same reason (the sink is unreachable, the folder is gone). */
    public static BatchDelivery allFailed(List<OutboxEntry> entries, Exception reason) {
        Map<DeliveryId, Exception> failed = new LinkedHashMap<>();
        entries.forEach(entry -> failed.put(entry.id(), reason));
        return new BatchDelivery(Set.of(), failed);
    }

    /** Each entry through {@link RececonSink#deliver}, one at a time: what a sink without a batch path does. */
    public static BatchDelivery oneByOne(RececonSink sink, List<OutboxEntry> entries) {
        Set<DeliveryId> delivered = new LinkedHashSet<>();
        Map<DeliveryId, Exception> failed = new LinkedHashMap<>();
        for (OutboxEntry entry : entries) {
            try {
                sink.deliver(entry);
                delivered.add(entry.id());
            } catch (Exception e) {
                failed.put(entry.id(), e);
            }
        }
        return new BatchDelivery(delivered, failed);
    }
}
