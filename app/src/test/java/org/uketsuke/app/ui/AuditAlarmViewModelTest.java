package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.reception.AuditTrail;

/** The console's alarm area over a real audit trail: raised for a broken log, cleared by the acknowledgment. */
class AuditAlarmViewModelTest {

    @TempDir
    Path dir;

    private static final Executor NOW = Runnable::run;

    @Test
    void aBrokenLogShowsTheAlarmUntilAcknowledged() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        AuditTrail.open(log, "kiosk-1", Clock.systemUTC(), false);
        Files.writeString(log, Files.readString(log).replace("LOG_STARTED", "LOG_STARTEE"));
        AuditTrail trail = AuditTrail.open(log, "kiosk-1", Clock.systemUTC(), false);
        Messages english = new Messages(Messages.ENGLISH);
        AuditAlarmViewModel model = new AuditAlarmViewModel(trail, () -> "admin-01", NOW, NOW, english);

        assertThat(model.raised.get()).isTrue();
        assertThat(model.text.get()).isEqualTo(english.get("audit.alarm.BROKEN_AT_START"));

        model.acknowledge();

        assertThat(model.raised.get()).isFalse();
        assertThat(model.result.get()).isEqualTo(english.get("audit.alarm.acknowledged"));
        assertThat(trail.confirmationsAllowed()).isTrue();
    }
}
