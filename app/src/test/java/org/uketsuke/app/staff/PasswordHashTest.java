package org.uketsuke.app.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        PasswordHash hash = PasswordHash.of("uketsuke-demo-1".toCharArray(), StaffFixture.CHEAP);
        assertThat(hash.matches("uketsuke-demo-1".toCharArray())).isTrue();
        assertThat(hash.matches("uketsuke-demo-2".toCharArray())).isFalse();
        assertThat(hash.matches("".toCharArray())).isFalse();
    }

    @Test
    void theSamePasswordGetsADifferentSaltEachTime() {
        PasswordHash a = PasswordHash.of("same".toCharArray(), StaffFixture.CHEAP);
        PasswordHash b = PasswordHash.of("same".toCharArray(), StaffFixture.CHEAP);
        assertThat(a.encoded()).isNotEqualTo(b.encoded());
    }

    @Test
    void theStoredFormIsAnArgon2idPhcStringThatReadsBack() {
        PasswordHash hash = PasswordHash.of("受付パスワード".toCharArray(), StaffFixture.CHEAP);
        assertThat(hash.encoded()).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
        PasswordHash back = PasswordHash.parse(hash.encoded());
        assertThat(back).isEqualTo(hash);
        assertThat(back.matches("受付パスワード".toCharArray())).isTrue();
    }

    @Test
    void theDefaultCostIsMemoryHard() {
        assertThat(PasswordHash.Parameters.DEFAULT.memoryKib()).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(PasswordHash.Parameters.DEFAULT.iterations()).isGreaterThanOrEqualTo(3);
        PasswordHash hash = PasswordHash.of("x".toCharArray(), PasswordHash.Parameters.DEFAULT);
        assertThat(hash.encoded()).startsWith("$argon2id$v=19$m=65536,t=3,p=1$");
        assertThat(hash.matches("x".toCharArray())).isTrue();
    }

    @Test
    void aForeignOrWeakenedHashIsRefused() {
        assertThatThrownBy(() -> PasswordHash.parse("$2y$10$abcdefghijklmnopqrstuv"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.parse(
                        "$argon2i$v=19$m=1024,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHash.Parameters(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
