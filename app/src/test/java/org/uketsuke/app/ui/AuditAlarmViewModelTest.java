package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffMember;

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
        StaffMember receptionist = new StaffMember("uketsuke-01", "受付", Set.of(Role.RECEPTIONIST));
        StaffMember administrator = new StaffMember("admin-01", "管理", Set.of(Role.ADMINISTRATOR));

        AuditAlarmViewModel refused = new AuditAlarmViewModel(trail, Authorizer.fixed(receptionist), NOW, NOW, english);
        refused.acknowledge();
        assertThat(refused.result.get()).isEqualTo(english.get("audit.alarm.notPermitted"));
        assertThat(trail.confirmationsAllowed())
                .as("a receptionist cannot clear the alarm")
                .isFalse();

        AuditAlarmViewModel model = new AuditAlarmViewModel(trail, Authorizer.fixed(administrator), NOW, NOW, english);
        assertThat(model.raised.get()).isTrue();
        assertThat(model.text.get()).isEqualTo(english.get("audit.alarm.BROKEN_AT_START"));

        model.acknowledge();

        assertThat(model.raised.get()).isFalse();
        assertThat(model.result.get()).isEqualTo(english.get("audit.alarm.acknowledged"));
        assertThat(trail.confirmationsAllowed()).isTrue();
    }
}
