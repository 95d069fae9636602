package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.sink.DeliveryId;

/** 目視確認 needs a receptionist and carries the signed-in member, never a name someone picked. */
class StaffActionsTest {

    private final List<VisitEvent> events = new CopyOnWriteArrayList<>();

    private StaffActions as(Role... roles) {
        Authorizer who = Authorizer.fixed(new StaffMember("uketsuke", "受付 花子", Set.of(roles)));
        return new StaffActions(who, events::add, null, () -> {});
    }

    @Test
    void aVisualCheckWithoutTheReceptionistRoleIsRefusedAndNothingReachesTheVisit() {
        StaffActions admin = as(Role.ADMINISTRATOR, Role.MEDICAL_VIEWER);
        assertThatThrownBy(admin::confirmVisually)
                .isInstanceOfSatisfying(
                        NotPermitted.class, e -> assertThat(e.needed()).containsExactly(Role.RECEPTIONIST));
        assertThatThrownBy(admin::refuseVisually).isInstanceOf(NotPermitted.class);
        assertThat(events).isEmpty();
    }

    @Test
    void aReceptionistsVisualCheckIsSignedWithTheirId() {
        as(Role.RECEPTIONIST).confirmVisually();
        assertThat(events).containsExactly(new VisitEvent.StaffConfirmedVisually("uketsuke"));
    }

    @Test
    void aResendWithoutTheAdministratorRoleIsRefusedBeforeTheOutboxIsTouched() {
        // No outbox at all: a refusal must come before any use of it.
        assertThatThrownBy(() -> as(Role.RECEPTIONIST).resend(null)).isInstanceOf(NotPermitted.class);
    }

    @Test
    void anAdministratorsResendReachesTheOutboxAndWakesTheDelivery(@TempDir Path dir) {
        AtomicInteger woken = new AtomicInteger();
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                dir.resolve("face"),
                "1311234567",
                StandardCharsets.UTF_8))) {
            Authorizer admin = Authorizer.fixed(new StaffMember("kanri", "管理 太郎", Set.of(Role.ADMINISTRATOR)));
            new StaffActions(admin, events::add, bridge, woken::incrementAndGet).resend(new DeliveryId(1));
        }
        assertThat(woken).hasValue(1);
    }
}
