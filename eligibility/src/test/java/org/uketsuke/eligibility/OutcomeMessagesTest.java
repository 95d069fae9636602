package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uketsuke.eligibility.wire.ResultCodes;

/** Every rejection has its own result code (its ja/en words are the app's: ReasonTextsCompletenessTest). */
class OutcomeMessagesTest {

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void everyRejectionHasAnOwnCode(RejectionReason reason) {
        assertThat(ResultCodes.codeOf(reason)).startsWith("UK");
        assertThat(ResultCodes.reasonOf(ResultCodes.codeOf(reason))).contains(reason);
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
