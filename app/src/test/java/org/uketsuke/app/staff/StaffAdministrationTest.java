package org.uketsuke.app.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffAdministrationTest {

    @TempDir
    Path dir;

    private StaffFixture staff;
    private StaffSession session;
    private StaffAdministration admin;

    @BeforeEach
    void accounts() {
        staff = new StaffFixture(dir);
        staff.add("admin", "admin-pass-1", Role.ADMINISTRATOR);
        staff.add("uketsuke", "reception-pass-1", Role.RECEPTIONIST);
        session = staff.session(new LockoutPolicy(2, Duration.ZERO));
        admin = new StaffAdministration(staff.accounts, session, StaffFixture.CHEAP);
    }

    @Test
    void aReceptionistCannotManageAccounts() {
        session.signIn("uketsuke", "reception-pass-1".toCharArray());
        assertThatThrownBy(() -> admin.add("mallory", "M", Set.of(Role.ADMINISTRATOR), "long-enough-1".toCharArray()))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> admin.setRoles("uketsuke", Set.of(Role.ADMINISTRATOR)))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> admin.setPassword("admin", "long-enough-1".toCharArray()))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(admin::list).isInstanceOf(NotPermitted.class);
        assertThat(staff.accounts.find("mallory")).isEmpty();
        assertThat(staff.accounts.find("uketsuke").orElseThrow().roles()).containsExactly(Role.RECEPTIONIST);
    }

    @Test
    void anAdministratorAddsAnAccountThatCanSignIn() {
        session.signIn("admin", "admin-pass-1".toCharArray());
        admin.add("kango", "看護 花子", Set.of(Role.MEDICAL_VIEWER), "kango-pass-123".toCharArray());
        session.signOut();
        assertThat(session.signIn("kango", "kango-pass-123".toCharArray())).isInstanceOf(SignIn.SignedIn.class);
        assertThat(session.require(Role.MEDICAL_VIEWER).name()).isEqualTo("看護 花子");
    }

    @Test
    void anAdministratorUnlocksALockedAccount() {
        session.signIn("uketsuke", "x".toCharArray());
        assertThat(session.signIn("uketsuke", "y".toCharArray())).isInstanceOf(SignIn.Locked.class);
        session.signIn("admin", "admin-pass-1".toCharArray());
        admin.unlock("uketsuke");
        session.signOut();
        assertThat(session.signIn("uketsuke", "reception-pass-1".toCharArray())).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void aShortPasswordIsRefusedAndTheCallersArrayIsWiped() {
        session.signIn("admin", "admin-pass-1".toCharArray());
        char[] password = "short".toCharArray();
        assertThatThrownBy(() -> admin.setPassword("uketsuke", password)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new String(password)).isEqualTo("\0\0\0\0\0");
    }

    @Test
    void anAdministratorCannotRemoveThemselves() {
        session.signIn("admin", "admin-pass-1".toCharArray());
        assertThatThrownBy(() -> admin.remove("admin")).isInstanceOf(IllegalArgumentException.class);
        admin.remove("uketsuke");
        assertThat(staff.accounts.find("uketsuke")).isEmpty();
    }
}
