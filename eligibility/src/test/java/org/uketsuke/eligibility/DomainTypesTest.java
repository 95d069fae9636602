package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.chrono.JapaneseEra;
import org.junit.jupiter.api.Test;

class DomainTypesTest {

    @Test
    void publicExpenseNumbersCarryTheirCheckDigitAndLawCode() {
        PublicExpensePayerNumber payer = PublicExpensePayerNumber.of("54016027");
        assertThat(payer.lawCode().name()).contains("難病");
        assertThat(payer.lawCode().publicExpense()).isTrue();
        assertThat(payer.prefecture()).isEqualTo(Prefecture.HOKKAIDO);
        assertThatThrownBy(() -> PublicExpensePayerNumber.of("54016028")).isInstanceOf(InvalidValueException.class);
        assertThat(PublicExpensePayerNumber.unchecked("54016028").checked()).isFalse();
        String recipient = "123456" + CheckDigit.of("123456");
        assertThat(PublicExpenseRecipientNumber.of(recipient).value()).isEqualTo(recipient);
        assertThatThrownBy(() -> PublicExpenseRecipientNumber.of("1234567")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void prefecturesAreNumberedInJisOrder() {
        assertThat(Prefecture.ofCode("13")).isEqualTo(Prefecture.TOKYO);
        assertThat(Prefecture.OKINAWA.code()).isEqualTo("47");
        assertThatThrownBy(() -> Prefecture.ofCode("48")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void japaneseEraDatesConvertBothWays() {
        WarekiDate showa = WarekiDate.of(LocalDate.of(1980, 2, 17));
        assertThat(showa.era()).isEqualTo(JapaneseEra.SHOWA);
        assertThat(showa.yymmdd()).isEqualTo("550217");
        assertThat(showa.japanese()).isEqualTo("昭和55年2月17日");
        assertThat(new WarekiDate(JapaneseEra.REIWA, 1, 5, 1).toLocalDate()).isEqualTo(LocalDate.of(2019, 5, 1));
        assertThat(new WarekiDate(JapaneseEra.REIWA, 1, 5, 1).japanese()).isEqualTo("令和元年5月1日");
        assertThat(WarekiDate.of(LocalDate.of(2019, 4, 30)).era()).isEqualTo(JapaneseEra.HEISEI);
        assertThat(WarekiDate.of(LocalDate.of(1989, 1, 7)).era()).isEqualTo(JapaneseEra.SHOWA);
        assertThatThrownBy(() -> new WarekiDate(JapaneseEra.HEISEI, 31, 5, 1))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new WarekiDate(JapaneseEra.SHOWA, 55, 2, 30))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void collationNumberBIsBuiltAsTheCardExpects() {
        CollationNumberB b = CollationNumberB.of(LocalDate.of(1980, 2, 17), 2035, "2285", false);
        assertThat(b.value()).isEqualTo("55021720352285");
        assertThat(b.toString()).doesNotContain("5502");
        assertThat(CollationNumberB.of(LocalDate.of(1980, 2, 17), 2035, "２２８５", true)
                        .value())
                .isEqualTo("80021720352285");
        assertThatThrownBy(() -> CollationNumberB.of(LocalDate.of(1980, 2, 17), 2035, "228", false))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void codesOfLimitAndSpecificDiseasesAreKnown() {
        assertThat(LimitCategory.ofCode("A03").japaneseName()).isEqualTo("ウ");
        assertThat(LimitCategory.ofCode("B10").japaneseName()).isEqualTo("一般Ⅰ");
        assertThat(SpecificDisease.ofCode("01")).isEqualTo(SpecificDisease.CHRONIC_RENAL_FAILURE_DIALYSIS);
        assertThat(QualificationValidity.ofCode("6")).isEqualTo(QualificationValidity.VALID_NOT_REGISTERED);
        assertThatThrownBy(() -> LimitCategory.ofCode("C01")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theValidatorNamesTheFieldTheReasonAndTheDetail() {
        var problems = FieldCheck.check(FieldCheck.Field.INSURER_NUMBER, "33120016");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(FieldCheck.Reason.CHECK_DIGIT);
            assertThat(p.field()).isEqualTo(FieldCheck.Field.INSURER_NUMBER);
            assertThat(p.detail()).as("the right check digit").isEqualTo("5");
        });
        assertThat(FieldCheck.check(FieldCheck.Field.INSURER_NUMBER, "1234"))
                .extracting(FieldCheck.Problem::reason)
                .containsExactly(FieldCheck.Reason.WRONG_LENGTH);
        assertThat(FieldCheck.check(FieldCheck.Field.BRANCH, "1"))
                .extracting(FieldCheck.Problem::reason)
                .containsExactly(FieldCheck.Reason.WRONG_LENGTH);
        assertThat(FieldCheck.check(FieldCheck.Field.SYMBOL, "受付①\u0007"))
                .extracting(FieldCheck.Problem::reason)
                .containsExactly(FieldCheck.Reason.FORBIDDEN_CHARACTER);
        assertThat(FieldCheck.check(FieldCheck.Field.SYMBOL, "受付１２−Ａ")).isEmpty();
        assertThat(FieldCheck.check(FieldCheck.Field.NUMBER, ""))
                .extracting(FieldCheck.Problem::reason)
                .containsExactly(FieldCheck.Reason.EMPTY);
    }
}
