package org.uketsuke.bridge.pending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/** An outage over real mTLS: searches wait durably, survive a restart, and are confirmed once when the system is back. */
class PendingSearchesTest {

    @TempDir
    Path dir;

    @Test
    void searchesMadeDuringAnOutageCompleteOnceTheSystemIsBack() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 3L, 20));
                RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        dir.resolve("face"),
                        "1311234567",
                        StandardCharsets.UTF_8))) {
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5));
            Qualification first = backend.person(1);
            Qualification second = backend.person(2);
            try (PendingSearches pending = PendingSearches.open(dir.resolve("pending.db"))) {
                pending.enqueue(
                        new InsuranceSearch(first.card(), first.birthdate(), false, "wait-1"), Instant.now(), "outage");
                pending.enqueue(
                        new InsuranceSearch(first.card(), first.birthdate(), false, "wait-1"), Instant.now(), "again");
                pending.enqueue(
                        new InsuranceSearch(second.card(), second.birthdate().minusDays(1), false, "wait-2"),
                        Instant.now(),
                        "outage");
                assertThat(pending.waiting()).hasSize(2);

                backend.injectFault(new Fault.Status(503), Integer.MAX_VALUE);
                assertThat(pending.retry(client, bridge, Clock.systemUTC())).isEmpty();
                assertThat(pending.waiting()).first().satisfies(w -> {
                    assertThat(w.attempts()).isEqualTo(1);
                    assertThat(w.lastError()).isNotBlank();
                });
                assertThat(pending.waiting().get(1).attempts())
                        .as("stops at the first still unavailable")
                        .isZero();
            }
            backend.injectFault(new Fault.None(), 0);
            try (PendingSearches reopened = PendingSearches.open(dir.resolve("pending.db"))) {
                var settled = reopened.retry(client, bridge, Clock.systemUTC());
                assertThat(settled).hasSize(2);
                assertThat(settled.get(0)).isInstanceOf(PendingSearches.Settled.Confirmed.class);
                assertThat(settled.get(1))
                        .isInstanceOfSatisfying(
                                PendingSearches.Settled.Rejected.class,
                                r -> assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION));
                assertThat(reopened.waiting()).isEmpty();
                assertThat(reopened.retry(client, bridge, Clock.systemUTC())).isEmpty();
            }
            bridge.drain();
            assertThat(bridge.statuses()).singleElement().satisfies(s -> {
                assertThat(s.idempotencyKey()).isEqualTo("wait-1");
                assertThat(s.state()).isEqualTo(DeliveryStatus.State.DELIVERED);
            });
        }
    }
}
