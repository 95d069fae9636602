package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The 照会番号 and the visual attestation read back what they were given. (Result codes: the codec's
 * ResultCodesTest; ja/en words: the app's ReasonTextsCompletenessTest; retries: the client's RetryPolicyTest.)
 */
class ReferenceNumberAndVisualAttestationTest {

    @Test
    void aReferenceNumberIsNormalisedAndChecked() {
        assertThat(ReferenceNumber.of(" Ｋ－００１２ ").value()).isEqualTo("K-0012");
        assertThatThrownBy(() -> ReferenceNumber.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ReferenceNumber.of("x".repeat(21))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ReferenceNumber.of("カルテ1")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aVisualAttestationCarriesItsPasscodeAndSurvivesItsText() {
        VisualAttestation visual =
                new VisualAttestation(new byte[32], new byte[32], new byte[32], "staff-07", "12345678");
        assertThat(visual.text()).startsWith("UKETSUKE-VISUAL-ATTESTATION-3|").endsWith("|staff-07|12345678");
        Attestation back = Attestation.parse(visual.text());
        assertThat(back).isInstanceOfSatisfying(VisualAttestation.class, v -> {
            assertThat(v.passcode()).isEqualTo("12345678");
            assertThat(v.statementSha256()).isEqualTo(new byte[32]);
            assertThat(v.staffId()).isEqualTo("staff-07");
        });
        assertThatThrownBy(() -> Attestation.parse("UKETSUKE-VISUAL-ATTESTATION-1|AAAA|00|staff-07"))
                .as("the old attestation without a passcode is refused")
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Attestation.parse("UKETSUKE-VISUAL-ATTESTATION-2|AAAA|00|staff-07|12345678"))
                .as("version 2, without the signed statement, is refused")
                .isInstanceOf(InvalidValueException.class);
    }
}
