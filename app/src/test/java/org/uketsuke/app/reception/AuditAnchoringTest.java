package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.audit.AuditAnchor;
import org.uketsuke.bridge.audit.AuditAnchors;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditKey;
import org.uketsuke.eligibility.client.AuditAnchorClient;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * The daily anchors over real HTTPS with mutual TLS against the mock backend: sent, confirmed, kept as receipts, read
 * back; a log replaced afterwards — even under a fresh key, even with the local receipts deleted — contradicts what
 * the backend holds and raises the alarm; a shrinking anchor is refused.
 */
class AuditAnchoringTest {

    @TempDir
    Path dir;

    private static AuditEvent event(int i) {
        return new AuditEvent(Instant.now(), "kiosk-7", "", "PIN", "CONFIRMED", AuditEvent.hash("p" + i), "");
    }

    @Test
    void anchorsRoundTripAndAReplacedLogContradictsThem() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 3L, 5))) {
            AuditAnchorClient client = new HttpsEligibilityClient(
                            backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5))
                    .auditAnchors();
            Clock local = Clock.systemDefaultZone();
            AuditTrail trail = AuditTrail.open(file, "kiosk-7", local, false);
            for (int i = 0; i < 3; i++) {
                assertThat(trail.append(event(i))).isTrue();
            }
            try (AuditAnchoring anchoring = new AuditAnchoring(trail, client, local)) {
                AuditAnchoring.Pass pass = anchoring.anchorNow();
                assertThat(pass.backendChecked()).isTrue();
                assertThat(pass.sent()).singleElement().satisfies(anchor -> {
                    assertThat(anchor.entries()).isEqualTo(4);
                    assertThat(anchor.mac())
                            .isEqualTo(trail.head().orElseThrow().mac());
                    assertThat(anchor.date()).isEqualTo(LocalDate.now(local));
                    assertThat(anchor.confirmation()).matches("ANC[0-9]{8}");
                });
                assertThat(AuditAnchors.receipts(file)).containsExactlyElementsOf(pass.sent());
                assertThat(client.held("kiosk-7"))
                        .isEqualTo(new AuditAnchorClient.Anchors(
                                List.of(pass.sent().getFirst().line())));
                assertThat(client.held("kiosk-8")).isEqualTo(new AuditAnchorClient.Anchors(List.of()));
                assertThat(anchoring.anchorNow().sent())
                        .as("nothing new to anchor")
                        .isEmpty();

                // A shrinking anchor of the same chain is refused by the backend.
                AuditAnchor first = pass.sent().getFirst();
                assertThat(client.send("kiosk-7", first.chain(), first.date(), 2, first.mac()))
                        .isInstanceOf(AuditAnchorClient.Refused.class);
            }

            // Someone with the kiosk user's rights replaces everything: log, head, key and the local receipts.
            for (Path gone : new Path[] {
                file, dir.resolve("audit.jsonl.head"), AuditKey.fileOf(file), AuditAnchors.receiptsOf(file)
            }) {
                Files.delete(gone);
            }
            AuditTrail replaced = AuditTrail.open(file, "kiosk-7", local, false);
            for (int i = 0; i < 5; i++) {
                replaced.append(event(i));
            }
            assertThat(replaced.confirmationsAllowed())
                    .as("nothing local shows it")
                    .isTrue();
            try (AuditAnchoring anchoring = new AuditAnchoring(replaced, client, local)) {
                anchoring.anchorNow();
            }
            assertThat(replaced.state())
                    .isInstanceOfSatisfying(
                            AuditTrail.Alarm.class,
                            alarm -> assertThat(alarm.cause()).isEqualTo(AuditTrail.AlarmCause.ANCHOR_MISMATCH));
            assertThat(replaced.confirmationsAllowed()).isFalse();
        }
    }
}
