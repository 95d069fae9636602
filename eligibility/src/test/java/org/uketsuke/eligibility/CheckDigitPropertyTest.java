package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the 検証番号 over generated numbers (seeded, so failures reproduce): every valid number is accepted,
 * every single-digit error is caught, and every adjacent transposition except 0↔9 (the one Luhn cannot see).
 */
class CheckDigitPropertyTest {

    static Stream<String> validInsurerNumbers() {
        Random random = new Random(20261124);
        return IntStream.range(0, 300).mapToObj(i -> {
            String body = String.format("%07d", random.nextInt(10_000_000));
            return body + CheckDigit.of(body);
        });
    }

    @ParameterizedTest
    @MethodSource("validInsurerNumbers")
    void everyValidNumberIsAcceptedAndNormalisationIsIdempotent(String number) {
        InsurerNumber parsed = InsurerNumber.of(number);
        assertThat(InsurerNumber.of(parsed.value())).isEqualTo(parsed);
        String fullWidth =
                number.chars().mapToObj(c -> Character.toString(c - '0' + '０')).reduce("", String::concat);
        assertThat(InsurerNumber.of(fullWidth)).isEqualTo(parsed);
        assertThat(FieldCheck.check(FieldCheck.Field.INSURER_NUMBER, number)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("validInsurerNumbers")
    void everySingleDigitErrorIsCaught(String number) {
        for (int position = 0; position < number.length(); position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == number.charAt(position)) {
                    continue;
                }
                String wrong = number.substring(0, position) + digit + number.substring(position + 1);
                assertThat(CheckDigit.valid(wrong)).as(wrong).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("validInsurerNumbers")
    void everyAdjacentTranspositionButZeroNineIsCaught(String number) {
        for (int i = 0; i + 1 < number.length(); i++) {
            char a = number.charAt(i);
            char b = number.charAt(i + 1);
            if (a == b || (a == '0' && b == '9') || (a == '9' && b == '0')) {
                continue;
            }
            String swapped = number.substring(0, i) + b + a + number.substring(i + 2);
            assertThat(CheckDigit.valid(swapped)).as(swapped).isFalse();
        }
    }
}
