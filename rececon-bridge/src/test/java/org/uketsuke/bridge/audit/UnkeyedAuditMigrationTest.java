package org.uketsuke.bridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.audit.AuditVerification.Broken;
import org.uketsuke.bridge.audit.AuditVerification.Reason;

/**
 * The one-time upgrade from an earlier version's unkeyed log: kept aside read-only, a keyed log started whose first
 * entry records it, no alarm — while a keyed log whose key went missing (or was rewritten in the unkeyed form to pass
 * as one) is still refused.
 */
class UnkeyedAuditMigrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void paths() {
        file = dir.resolve("audit.jsonl");
    }

    /** Writes {@code n} entries and the head as the versions before the key did (unkeyed SHA-256 chain). */
    private byte[] writeUnkeyed(int n) throws Exception {
        StringBuilder log = new StringBuilder();
        String prev = AuditLog.GENESIS;
        for (int i = 1; i <= n; i++) {
            String body = "{\"seq\":" + i + ",\"at\":\"2026-12-01T09:00:0" + i + "Z\",\"terminal\":\"kiosk-1\","
                    + "\"staff\":\"\",\"method\":\"PIN\",\"outcome\":\"CONFIRMED\",\"subject\":\""
                    + AuditEvent.hash("subject" + i) + "\",\"card\":\"\",\"prev\":\"" + prev + "\"}";
            String hash = AuditEvent.hash(body.getBytes(StandardCharsets.UTF_8));
            log.append(body, 0, body.length() - 1)
                    .append(",\"hash\":\"")
                    .append(hash)
                    .append("\"}\n");
            prev = hash;
        }
        byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        Files.writeString(dir.resolve("audit.jsonl.head"), n + " " + prev + "\n", StandardCharsets.US_ASCII);
        return bytes;
    }

    private List<Path> keptAside() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".unkeyed-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void anUnkeyedLogIsKeptAsideReadOnlyAndTheKeyedLogBeginsByRecordingItsDigest() throws Exception {
        byte[] old = writeUnkeyed(3);
        assertThat(AuditLog.verify(file)).isEqualTo(new AuditVerification.Unkeyed(3, AuditEvent.hash(old)));

        AuditLog log = AuditLog.open(file, CLOCK);

        Path aside = dir.resolve("audit.jsonl.unkeyed-" + CLOCK.instant().getEpochSecond());
        assertThat(keptAside()).containsExactly(aside, dir.resolve(aside.getFileName() + ".head"));
        assertThat(Files.readAllBytes(aside)).isEqualTo(old);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aside)))
                .isEqualTo("r--------");
        List<AuditLog.Line> lines = AuditLog.read(file);
        assertThat(lines).hasSize(1);
        AuditEvent first = lines.getFirst().event();
        assertThat(first.outcome()).isEqualTo(AuditLog.STARTED);
        assertThat(first.method()).isEqualTo(AuditLog.MIGRATED_UNKEYED);
        assertThat(first.subjectHash()).isEqualTo(AuditEvent.hash(old));
        assertThat(first.ref()).isEqualTo(aside.getFileName().toString());
        assertThat(AuditLog.verify(file))
                .isEqualTo(new AuditVerification.Intact(1, log.head().mac()));
        assertThat(AuditLog.open(file, CLOCK).head().seq()).isEqualTo(1);
    }

    @Test
    void aKeyedLogWhoseKeyWentMissingIsStillKeyMissingAndLeftAsItIs() throws Exception {
        AuditLog log = AuditLog.open(file, CLOCK);
        log.append(new AuditEvent(CLOCK.instant(), "kiosk-1", "", "PIN", "CONFIRMED", "", ""));
        byte[] before = Files.readAllBytes(file);
        Files.delete(AuditKey.fileOf(file));

        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        Broken.class, b -> assertThat(b.reason()).isEqualTo(Reason.KEY_MISSING));
        assertThatThrownBy(() -> AuditLog.open(file, CLOCK)).isInstanceOf(AuditLogException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(keptAside()).isEmpty();
    }

    @Test
    void aKeyedLogRewrittenInTheUnkeyedFormBesideItsReceiptsIsStillKeyMissing() throws Exception {
        AuditLog.open(file, CLOCK);
        Files.writeString(AuditAnchors.receiptsOf(file), "receipts came with the key\n");
        Files.delete(AuditKey.fileOf(file));
        writeUnkeyed(2);

        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        Broken.class, b -> assertThat(b.reason()).isEqualTo(Reason.KEY_MISSING));
        assertThatThrownBy(() -> AuditLog.open(file, CLOCK)).isInstanceOf(AuditLogException.class);
        assertThat(keptAside()).isEmpty();
    }

    @Test
    void aTamperedUnkeyedLogIsBrokenAndNotMigrated() throws Exception {
        writeUnkeyed(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("CONFIRMED", "REJECTED_PIN"));
        Files.write(file, lines);

        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
            assertThat(b.entry()).isEqualTo(2);
        });
        assertThatThrownBy(() -> AuditLog.open(file, CLOCK)).isInstanceOf(AuditLogException.class);
        assertThat(keptAside()).isEmpty();
        assertThat(AuditKey.fileOf(file)).doesNotExist();
    }

    @Test
    void aMigratedLogDoesNotBeginWithAnAcknowledgmentSoAnEarlierChainsAnchorContradictsIt() throws Exception {
        writeUnkeyed(2);
        AuditLog.open(file, CLOCK);
        AuditAnchor earlier =
                new AuditAnchor("a".repeat(64), LocalDate.parse("2026-12-03"), 4, "b".repeat(64), "anchor-1");

        assertThat(AuditAnchors.check(AuditLog.read(file), List.of(earlier)))
                .hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo(Reason.MISSING_ENTRIES));
    }
}
