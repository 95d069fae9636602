package org.uketsuke.cardfront;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CardFrontTextTest {

    @Test
    void readsAShowaBirthDateIntoTheCollationNumber() {
        CardFrontFields fields =
                CardFrontText.parse("昭和55年 2月17日生", "2035年 2月17日まで有効", "2285").orElseThrow();
        assertThat(fields.birthDate()).isEqualTo(LocalDate.of(1980, 2, 17));
        assertThat(fields.collationNumberB().value()).isEqualTo("55021720352285");
    }

    @Test
    void readsTheFirstYearOfAnEraWrittenGannen() {
        CardFrontFields fields =
                CardFrontText.parse("平成元年 1月8日生", "2030年1月8日まで有効", "0001").orElseThrow();
        assertThat(fields.birthDate()).isEqualTo(LocalDate.of(1989, 1, 8));
        assertThat(fields.collationNumberB().value()).isEqualTo("01010820300001");
    }

    @Test
    void readsAWesternBirthDateOfAForeignResident() {
        CardFrontFields fields =
                CardFrontText.parse("1980年2月17日生", "2035年2月17日まで有効", "2285").orElseThrow();
        assertThat(fields.westernBirthDate()).isTrue();
        assertThat(fields.collationNumberB().value()).isEqualTo("80021720352285");
    }

    @Test
    void acceptsFullWidthDigitsAndAnExpiryInWareki() {
        CardFrontFields fields =
                CardFrontText.parse("昭和５５年２月１７日生", "令和17年2月17日まで有効", "２２８５").orElseThrow();
        assertThat(fields.expiryYear()).isEqualTo(2035);
    }

    @Test
    void turnsOAndLInsideDigitRunsBackIntoDigits() {
        assertThat(CardFrontText.clean("2O35年l2月")).isEqualTo("2035年12月");
    }

    @Test
    void refusesADateThatDoesNotExist() {
        assertThat(CardFrontText.parse("昭和65年2月17日生", "2035年2月17日まで有効", "2285")).isEmpty();
        assertThat(CardFrontText.parse("昭和55年2月30日生", "2035年2月17日まで有効", "2285")).isEmpty();
    }

    @Test
    void refusesAMissingOrShortSecurityCode() {
        assertThat(CardFrontText.parse("昭和55年2月17日生", "2035年2月17日まで有効", "228")).isEmpty();
        assertThat(CardFrontText.parse("昭和55年2月17日生", "2035年2月17日まで有効", "")).isEmpty();
    }

    @Test
    void refusesAnExpiryBeforeTheBirthOrOutOfRange() {
        assertThat(CardFrontText.parse("平成30年2月17日生", "2012年2月17日まで有効", "2285")).isEmpty();
        assertThat(CardFrontText.parse("昭和55年2月17日生", "有効", "2285")).isEmpty();
    }

    @Test
    void neverShowsTheFieldsInText() {
        CardFrontFields fields =
                CardFrontText.parse("昭和55年2月17日生", "2035年2月17日まで有効", "2285").orElseThrow();
        assertThat(fields.toString()).doesNotContain("2285").doesNotContain("1980");
    }
}
