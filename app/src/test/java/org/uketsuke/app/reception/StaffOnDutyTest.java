package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaffOnDutyTest {

    @Test
    void theFirstAccountIsOnDutyUntilAnotherIsChosenAndOnlyOwnAccountsCanBe() {
        StaffOnDuty staff = StaffOnDuty.demo();
        assertThat(staff.currentId()).isEqualTo("staff-01");
        staff.choose(staff.accounts().get(1));
        assertThat(staff.currentId()).isEqualTo("staff-02");
        assertThatThrownBy(() -> staff.choose(new StaffOnDuty.Account("intruder", "誰か")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(staff.currentId()).isEqualTo("staff-02");
    }

    @Test
    void anAccountIdMustBeAnAuditToken() {
        assertThatThrownBy(() -> new StaffOnDuty.Account("山田", "山田 花子")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StaffOnDuty(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
