package org.uketsuke.bridge.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.Fixtures;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditLogException;
import org.uketsuke.bridge.audit.AuditVerification;

/**
 * The daily purge deletes what is past its retention and nothing else: a delivered entry, an answered request, an
 * answer, a CSV day older than the period; what is newer, what is still undelivered, links, and the レセコン store stay.
 * The purge is in the audit log as counts.
 */
class RetentionPurgeTest {

    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(91));
    private static final Instant RECENT = NOW.minus(Duration.ofDays(89));

    @TempDir
    Path dir;

    @Test
    void whatIsPastItsRetentionGoesAndThePurgeIsAudited() throws Exception {
        Path exchange = dir.resolve("exchange");
        Path csv = Files.createDirectories(dir.resolve("csv"));
        Path done = Files.createDirectories(exchange.resolve("req/done"));
        Path res = Files.createDirectories(exchange.resolve("res"));
        Path oldDone = file(done.resolve("OQSsiquc01req_1.xml"), OLD);
        Path newDone = file(done.resolve("OQSsiquc01req_2.xml"), RECENT);
        Path oldAnswer = file(res.resolve("YZKsiquc01res_021.xml"), OLD);
        Path newAnswer = file(res.resolve("YZKsiquc01res_022.xml"), RECENT);
        Path oldDay = file(csv.resolve("uketsuke-qualifications-20261130.csv"), OLD);
        Path notACsvDay = file(csv.resolve("clinic-notes.txt"), OLD);
        Path elsewhere = file(dir.resolve("elsewhere.xml"), OLD);
        Path link = Files.createSymbolicLink(res.resolve("YZKsiquc01res_023.xml"), elsewhere);

        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"), dir.resolve("rececon.db"), null, "1311234567", StandardCharsets.UTF_8))) {
            bridge.submit(Fixtures.confirmation("old", OLD, Fixtures.qualification(1)));
            bridge.submit(Fixtures.confirmation("recent", RECENT, Fixtures.qualification(2)));
            bridge.drain();
            bridge.submit(Fixtures.confirmation("undelivered", OLD.minusSeconds(1), Fixtures.qualification(3)));
            AuditLog audit = AuditLog.open(dir.resolve("audit.jsonl"));
            RetentionPurge purge = new RetentionPurge(
                    Retention.DEFAULT,
                    bridge::purgeDelivered,
                    new RetentionPurge.Folders(Optional.of(exchange), Optional.of(csv)),
                    event -> {
                        try {
                            audit.append(event);
                            return true;
                        } catch (AuditLogException e) {
                            return false;
                        }
                    },
                    "counter-1",
                    Clock.fixed(NOW, ZoneOffset.UTC));

            Purged purged = purge.purge();

            assertThat(purged).isEqualTo(new Purged(1, 1, 1, 1));
            assertThat(bridge.statuses())
                    .extracting(DeliveryStatus::idempotencyKey)
                    .containsExactlyInAnyOrder("recent", "undelivered");
        }
        try (Connection store = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                Statement s = store.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from qualification")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the レセコン store keeps everything").isEqualTo(2);
        }
        assertThat(List.of(oldDone, oldAnswer, oldDay)).allMatch(p -> !Files.exists(p));
        assertThat(List.of(newDone, newAnswer, notACsvDay, elsewhere)).allMatch(Files::exists);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        String log = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(log)
                .contains("RETENTION_PURGE", "PURGED_OUTBOX_1_REQ_1_RES_1_CSV_1")
                .doesNotContain("OQSsiquc01req_1");
        assertThat(AuditLog.verify(dir.resolve("audit.jsonl"))).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void zeroDaysKeepsEverything() throws Exception {
        Path res = Files.createDirectories(dir.resolve("exchange/res"));
        Path old = file(res.resolve("OQSsiquc01res_1.xml"), OLD);
        try (RececonBridge bridge = RececonBridge.open(
                new BridgeConfig(dir.resolve("outbox.db"), null, null, "1311234567", StandardCharsets.UTF_8))) {
            RetentionPurge purge = new RetentionPurge(
                    new Retention(0, 0, 0, 0),
                    bridge::purgeDelivered,
                    new RetentionPurge.Folders(Optional.of(dir.resolve("exchange")), Optional.empty()),
                    event -> false,
                    "counter-1",
                    Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(purge.purge()).isEqualTo(new Purged(0, 0, 0, 0));
        }
        assertThat(old).exists();
    }

    private static Path file(Path path, Instant changed) throws Exception {
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, FileTime.from(changed));
        return path;
    }
}
