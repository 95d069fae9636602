package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uketsuke.eligibility.wire.ResultCodes;

/** Every outcome a receptionist can meet has its Japanese and English text and (for rejections) its own code. */
class OutcomeMessagesTest {

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void everyRejectionHasJapaneseAndEnglishTextAndAnOwnCode(RejectionReason reason) {
        String ja = reason.message(Locale.JAPANESE);
        String en = reason.message(Locale.ENGLISH);
        assertThat(ja).isNotBlank().matches(".*[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}].*");
        assertThat(en).isNotBlank().matches("[\\x20-\\x7E()（）]+");
        assertThat(reason.message(Locale.GERMAN)).isEqualTo(en);
        assertThat(ResultCodes.codeOf(reason)).startsWith("UK");
        assertThat(ResultCodes.reasonOf(ResultCodes.codeOf(reason))).contains(reason);
    }

    @ParameterizedTest
    @EnumSource(UnavailableReason.class)
    void everyUnavailabilityHasJapaneseAndEnglishText(UnavailableReason reason) {
        assertThat(reason.message(Locale.JAPANESE)).isNotBlank().isNotEqualTo(reason.message(Locale.ENGLISH));
        assertThat(reason.message(Locale.ENGLISH)).isNotBlank();
    }

    @Test
    void theRetryBackoffDoublesUpToItsCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReferenceNumberIsNormalisedAndChecked() {
        assertThat(ReferenceNumber.of(" Ｋ－００１２ ").value()).isEqualTo("K-0012");
        assertThatThrownBy(() -> ReferenceNumber.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ReferenceNumber.of("x".repeat(21))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ReferenceNumber.of("カルテ1")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aVisualAttestationCarriesItsPasscodeAndSurvivesItsText() {
        VisualAttestation visual = new VisualAttestation(new byte[32], new byte[32], "staff-07", "12345678");
        assertThat(visual.text()).startsWith("UKETSUKE-VISUAL-ATTESTATION-2|").endsWith("|staff-07|12345678");
        Attestation back = Attestation.parse(visual.text());
        assertThat(back).isInstanceOfSatisfying(VisualAttestation.class, v -> {
            assertThat(v.passcode()).isEqualTo("12345678");
            assertThat(v.staffId()).isEqualTo("staff-07");
        });
        assertThatThrownBy(() -> Attestation.parse("UKETSUKE-VISUAL-ATTESTATION-1|AAAA|00|staff-07"))
                .as("the old attestation without a passcode is refused").isInstanceOf(InvalidValueException.class);
    }
}
