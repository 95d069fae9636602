package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditKey;
import org.uketsuke.bridge.audit.AuditLog;

/**
 * The terminal's first start after an upgrade from a version whose audit log had no key (the fixture is such a log
 * and its head, three entries): no alarm, confirmations run, the old log kept aside and recorded. A keyed log whose
 * key went missing still stops confirmations.
 */
class AuditTrailUpgradeTest {

    private static final Instant UPGRADED = Instant.parse("2026-12-04T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(UPGRADED, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("audit.jsonl");
    }

    private byte[] copyFixture(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("unkeyed-audit/" + name)) {
            byte[] bytes = in.readAllBytes();
            Files.write(dir.resolve(name), bytes);
            return bytes;
        }
    }

    @Test
    void theFirstStartAfterAnUpgradeFromAnUnkeyedLogRaisesNoAlarm() throws Exception {
        byte[] old = copyFixture("audit.jsonl");
        copyFixture("audit.jsonl.head");

        AuditTrail trail = AuditTrail.open(file(), "kiosk-1", CLOCK, true);

        assertThat(trail.state()).isEqualTo(new AuditTrail.Healthy(1));
        assertThat(trail.confirmationsAllowed()).isTrue();
        assertThat(dir.resolve("audit.jsonl.alarm")).doesNotExist();
        Path kept = dir.resolve("audit.jsonl.unkeyed-" + CLOCK.instant().getEpochSecond());
        assertThat(Files.readAllBytes(kept)).isEqualTo(old);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
                .isEqualTo("r--------");
        List<AuditLog.Line> lines = AuditLog.read(file());
        assertThat(lines.getFirst().event().method()).isEqualTo(AuditLog.MIGRATED_UNKEYED);
        assertThat(lines.getFirst().event().subjectHash()).isEqualTo(AuditEvent.hash(old));
        assertThat(trail.append(new AuditEvent(CLOCK.instant(), "kiosk-1", "", "PIN", "CONFIRMED", "", "")))
                .isTrue();
    }

    @Test
    void aKeyedLogWhoseKeyWentMissingStillRaisesTheAlarm() throws Exception {
        AuditTrail.open(file(), "kiosk-1", CLOCK, false);
        Files.delete(AuditKey.fileOf(file()));

        AuditTrail trail = AuditTrail.open(file(), "kiosk-1", CLOCK, true);

        assertThat(trail.state()).isInstanceOfSatisfying(AuditTrail.Alarm.class, alarm -> {
            assertThat(alarm.cause()).isEqualTo(AuditTrail.AlarmCause.BROKEN_AT_START);
            assertThat(alarm.detail()).contains("KEY_MISSING");
        });
        assertThat(trail.confirmationsAllowed()).isFalse();
    }
}
