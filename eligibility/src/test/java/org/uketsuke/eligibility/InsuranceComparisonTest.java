package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.InsuranceComparison.Difference;
import org.uketsuke.eligibility.InsuranceComparison.Field;
import org.uketsuke.eligibility.InsuranceComparison.Stored;

class InsuranceComparisonTest {

    private static Qualification confirmed(
            String insurer, String symbol, String number, String branch, int percent, PersonalFamily pf) {
        return new Qualification(
                new InsuranceCardId(InsurerNumber.of(insurer), symbol, number, branch),
                "保険者",
                "受付　花子",
                "ｳｹﾂｹ ﾊﾅｺ",
                LocalDate.of(1980, 2, 17),
                Sex.FEMALE,
                pf,
                new ContributionRatio(percent),
                LocalDate.of(2020, 4, 1));
    }

    @Test
    void whatClinicsTreatAsTheSameIsTheSame() {
        Qualification q = confirmed("131045", "ア-12", "00451", "01", 30, PersonalFamily.INSURED);
        // 国保 stored zero-padded, 記号 in full width with a long dash, 番号 without its leading zeros, 割 instead of "030".
        assertThat(InsuranceComparison.compare(new Stored("00131045", "ア－１２", "451", "01", "3", "本人"), q))
                .isEmpty();
        assertThat(InsuranceComparison.compare(new Stored("  131045", "ア-12", "00451", "01", "030", "1"), q))
                .isEmpty();
        assertThat(InsuranceComparison.compare(new Stored("131045", "ｱ-12", "451", "01", "30", "1"), q))
                .isEmpty();
    }

    @Test
    void aJobChangeShowsEveryFieldThatChangedWithBothValues() {
        Qualification q = confirmed(
                "06139992".substring(0, 7) + CheckDigit.of("0613999"), "1", "2345", "00", 30, PersonalFamily.DEPENDANT);
        var differences = InsuranceComparison.compare(new Stored("01130012", "1234567", "1024", "01", "020", "1"), q);
        assertThat(differences)
                .extracting(Difference::field)
                .containsExactly(
                        Field.INSURER_NUMBER,
                        Field.SYMBOL,
                        Field.NUMBER,
                        Field.BRANCH,
                        Field.CONTRIBUTION_RATIO,
                        Field.PERSONAL_FAMILY);
        assertThat(differences.get(4)).isEqualTo(new Difference(Field.CONTRIBUTION_RATIO, "020", "3割"));
        assertThat(differences.get(5)).isEqualTo(new Difference(Field.PERSONAL_FAMILY, "1", "家族"));
    }

    @Test
    void theBranchNumberIsComparedExactlyAndAnUnreadableRatioIsADifference() {
        Qualification q = confirmed("01130012", "1", "2", "01", 30, PersonalFamily.INSURED);
        assertThat(InsuranceComparison.compare(new Stored("01130012", "1", "2", "1", "?", "1"), q))
                .extracting(Difference::field)
                .containsExactly(Field.BRANCH, Field.CONTRIBUTION_RATIO);
        assertThat(InsuranceComparison.compare(new Stored("01130012", "1", "2", "", "30", "1"), q)
                        .getFirst())
                .isEqualTo(new Difference(Field.BRANCH, "", "01"));
    }
}
