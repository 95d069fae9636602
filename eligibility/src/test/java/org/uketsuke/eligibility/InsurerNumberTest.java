package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InsurerNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"33120015", "01130012", "131045", "06131239"})
    void publishedExamplesPassTheCheckDigit(String number) {
        assertThat(InsurerNumber.of(number).value()).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"33120016", "01130013", "131046", "1234567", "abcdefgh", "", "123456789"})
    void wrongCheckDigitsAndShapesAreRefusedWithTheFieldNamed(String number) {
        assertThatThrownBy(() -> InsurerNumber.of(number))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("InsurerNumber");
    }

    @Test
    void fullWidthDigitsAndPaddingAreNormalised() {
        assertThat(InsurerNumber.of("３３１２００１５").value()).isEqualTo("33120015");
        assertThat(InsurerNumber.of("  131045").value()).isEqualTo("131045");
    }

    @Test
    void sixDigitNationalHealthInsuranceNumbersAreRightAlignedOnTheWire() {
        InsurerNumber kokuho = InsurerNumber.of("131045");
        assertThat(kokuho.nationalHealthInsurance()).isTrue();
        assertThat(kokuho.wire()).isEqualTo("  131045");
        assertThat(kokuho.lawCode()).isEmpty();
        assertThat(InsurerNumber.of("33120015").lawCode()).isEqualTo("33");
    }

    @Test
    void theCheckDigitOfPublicExpenseNumbersFollowsTheSameRule() {
        assertThat(CheckDigit.valid("54016027")).isTrue();
        assertThat(CheckDigit.of("5401602")).isEqualTo(7);
    }
}
