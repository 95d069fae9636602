package org.uketsuke.bridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.uketsuke.bridge.Fixtures;
import org.uketsuke.bridge.store.Entries;
import org.uketsuke.eligibility.IdentityMethod;

/**
 * A page goes to two or three sinks; each asks for the entry's message. It is read once per entry: the same answer
 * for every sink, and an unreadable message the same failure for every sink (each parks the entry with it).
 */
class ConfirmedEntryTest {

    @Test
    void everySinkGetsTheMessageReadOnce() throws Exception {
        OutboxEntry entry = Entries.of(7, Fixtures.confirmation("once-0", 0));

        ConfirmedEntry first = ConfirmedEntry.of(entry);

        assertThat(ConfirmedEntry.of(entry)).isSameAs(first);
        assertThat(first.confirmed().qualification()).isNotNull();
    }

    @Test
    void anUnreadableMessageFailsTheSameWayForEverySink() {
        OutboxEntry entry = new OutboxEntry(
                new DeliveryId(8),
                "once-1",
                Instant.parse("2026-11-24T01:00:00Z"),
                IdentityMethod.PIN,
                "<not a result".getBytes(StandardCharsets.UTF_8));

        Throwable first = catchThrowable(() -> ConfirmedEntry.of(entry));
        Throwable second = catchThrowable(() -> ConfirmedEntry.of(entry));

        assertThat(first).isInstanceOf(SinkFailure.class).hasMessageContaining("unreadable result message");
        assertThat(second).isSameAs(first);
    }
}
