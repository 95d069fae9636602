package org.uketsuke.app.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffSessionTest {

    @TempDir
    Path dir;

    private StaffFixture staff;

    @BeforeEach
    void accounts() {
        staff = new StaffFixture(dir);
        staff.add("admin", "admin-pass-1", Role.ADMINISTRATOR);
        staff.add("uketsuke", "reception-pass-1", Role.RECEPTIONIST);
    }

    @Test
    void theRightPasswordSignsInAndTheMemberIsWhoTheAuditGets() {
        StaffSession session = staff.session(LockoutPolicy.DEFAULT);
        assertThat(session.currentId()).isEmpty();

        SignIn outcome = session.signIn("uketsuke", "reception-pass-1".toCharArray());

        assertThat(outcome).isInstanceOf(SignIn.SignedIn.class);
        assertThat(session.currentId()).isEqualTo("uketsuke");
        assertThat(session.require(Role.RECEPTIONIST).name()).isEqualTo("名前 uketsuke");
    }

    @Test
    void aWrongPasswordAndAnUnknownIdAreRefusedAlike() {
        StaffSession session = staff.session(LockoutPolicy.DEFAULT);
        assertThat(session.signIn("uketsuke", "guess".toCharArray())).isEqualTo(new SignIn.Refused());
        assertThat(session.signIn("nobody", "guess".toCharArray())).isEqualTo(new SignIn.Refused());
        assertThat(session.current()).isEmpty();
    }

    @Test
    void anActionWithoutTheRoleIsRefusedWithAType() {
        StaffSession session = staff.session(LockoutPolicy.DEFAULT);
        assertThatThrownBy(() -> session.require(Role.RECEPTIONIST)).isInstanceOfSatisfying(NotPermitted.class, e -> {
            assertThat(e.staffId()).isEmpty();
            assertThat(e.needed()).containsExactly(Role.RECEPTIONIST);
        });
        session.signIn("uketsuke", "reception-pass-1".toCharArray());
        assertThatThrownBy(() -> session.require(Role.ADMINISTRATOR))
                .isInstanceOfSatisfying(
                        NotPermitted.class, e -> assertThat(e.staffId()).isEqualTo("uketsuke"));
        assertThat(session.require(Role.MEDICAL_VIEWER, Role.RECEPTIONIST).id()).isEqualTo("uketsuke");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOne() {
        StaffSession session = staff.session(new LockoutPolicy(3, Duration.ofMinutes(15)));
        session.signIn("uketsuke", "a".toCharArray());
        session.signIn("uketsuke", "b".toCharArray());
        SignIn third = session.signIn("uketsuke", "c".toCharArray());

        assertThat(third).isEqualTo(new SignIn.Locked(Optional.of(Instant.parse("2026-12-04T09:15:00Z"))));
        assertThat(session.signIn("uketsuke", "reception-pass-1".toCharArray())).isInstanceOf(SignIn.Locked.class);
        assertThat(session.current()).isEmpty();

        staff.now.updateAndGet(t -> t.plus(Duration.ofMinutes(15)));
        assertThat(session.signIn("uketsuke", "reception-pass-1".toCharArray())).isInstanceOf(SignIn.SignedIn.class);
        assertThat(staff.accounts.find("uketsuke").orElseThrow().failures()).isZero();
    }

    @Test
    void aLockUntilUnlockedStaysUntilAnAdministratorUnlocks() {
        StaffSession session = staff.session(new LockoutPolicy(2, Duration.ZERO));
        session.signIn("uketsuke", "a".toCharArray());
        assertThat(session.signIn("uketsuke", "b".toCharArray())).isEqualTo(new SignIn.Locked(Optional.empty()));

        staff.now.updateAndGet(t -> t.plus(Duration.ofDays(30)));
        assertThat(session.signIn("uketsuke", "reception-pass-1".toCharArray())).isInstanceOf(SignIn.Locked.class);

        staff.accounts.update("uketsuke", StaffAccount::unlocked);
        assertThat(session.signIn("uketsuke", "reception-pass-1".toCharArray())).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void aGoodPasswordResetsTheFailureCount() {
        StaffSession session = staff.session(new LockoutPolicy(3, Duration.ofMinutes(15)));
        session.signIn("uketsuke", "a".toCharArray());
        session.signIn("uketsuke", "b".toCharArray());
        session.signIn("uketsuke", "reception-pass-1".toCharArray());
        session.signIn("uketsuke", "c".toCharArray());
        assertThat(session.signIn("uketsuke", "d".toCharArray())).isEqualTo(new SignIn.Refused());
    }

    @Test
    void theConsoleLocksAfterTheIdleTimeAndActivityKeepsItOpen() {
        StaffSession session = staff.session(LockoutPolicy.DEFAULT);
        session.signIn("admin", "admin-pass-1".toCharArray());
        staff.now.updateAndGet(t -> t.plus(Duration.ofMinutes(4)));
        session.touch();
        staff.now.updateAndGet(t -> t.plus(Duration.ofMinutes(4)));
        assertThat(session.require(Role.ADMINISTRATOR).id()).isEqualTo("admin");

        staff.now.updateAndGet(t -> t.plus(Duration.ofMinutes(5)));
        assertThat(session.lockIfIdle()).isTrue();
        assertThat(session.current()).isEmpty();
        assertThatThrownBy(() -> session.require(Role.ADMINISTRATOR)).isInstanceOf(NotPermitted.class);
    }

    @Test
    void theAccountsFileIsPrivateAndHoldsNoPassword() throws Exception {
        assertThat(Files.getPosixFilePermissions(staff.accounts.file()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String text = Files.readString(staff.accounts.file());
        assertThat(text)
                .doesNotContain("admin-pass-1")
                .doesNotContain("reception-pass-1")
                .contains("$argon2id$");
    }

    @Test
    void theLastAdministratorCannotBeRemovedOrDemoted() {
        assertThatThrownBy(() -> staff.accounts.remove("admin")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> staff.accounts.update("admin", a -> a.withRoles(Set.of(Role.RECEPTIONIST))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(staff.accounts.hasAdministrator()).isTrue();
    }

    @Test
    void aNameWithALineBreakCannotForgeASecondAccount() {
        assertThatThrownBy(() -> new StaffAccount(
                        "evil",
                        "a\nroot\tadmin\tadministrator",
                        Set.of(),
                        PasswordHash.of("p".toCharArray(), StaffFixture.CHEAP),
                        0,
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
