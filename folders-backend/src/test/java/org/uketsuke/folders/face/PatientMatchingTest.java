package org.uketsuke.folders.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.uketsuke.bridge.store.JdbcRececonStore.StoredInsurance;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceComparison.Difference;
import org.uketsuke.eligibility.InsuranceComparison.Field;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.Sex;

/** An imported result against the stored patients born that day, the way a レセコン matches them. */
class PatientMatchingTest {

    private static final LocalDate BORN = LocalDate.of(1981, 1, 2);

    private static final Qualification HANAKO = new Qualification(
            new InsuranceCardId(new InsurerNumber("01130012"), "1234567", "89", "01"),
            "全国健康保険協会東京支部",
            "佐藤　花子",
            "ｻﾄｳ ﾊﾅｺ",
            BORN,
            Sex.ofCode("2"),
            PersonalFamily.ofCode("1"),
            new ContributionRatio(30),
            LocalDate.of(2020, 4, 1),
            QualificationDetails.none());

    private static StoredInsurance row(
            String insurer, String symbol, String number, String branch, String kana, String ratio, String reference) {
        return new StoredInsurance(
                insurer, symbol, number, branch, BORN, kana, ratio, "1", "key-" + symbol, "佐藤　花子", reference);
    }

    private static final StoredInsurance SAME_CARD = row("01130012", "1234567", "89", "01", "ｻﾄｳ ﾊﾅｺ", "030", null);

    @Test
    void theSameCardIsTheSamePatientWhateverThePaddingWidthOrLeadingZeros() {
        StoredInsurance padded = row("01130012", "１２３４５６７", "0089", "01", "サトウ　ハナコ", "030", null);

        assertThat(PatientMatching.match(HANAKO, List.of(padded)))
                .isEqualTo(new PatientMatch.Matched(PatientMatch.By.INSURANCE, padded, List.of(), List.of()));
    }

    @Test
    void aMatchedPatientShowsANewContributionRatioAndTheInsuranceTheConfirmedOneReplaces() {
        StoredInsurance twoTenths = row("01130012", "1234567", "89", "01", "ｻﾄｳ ﾊﾅｺ", "020", null);
        StoredInsurance formerJob = row("06130011", "99", "7", "00", "ｻﾄｳﾊﾅｺ", "030", null);
        StoredInsurance someoneElse = row("06130011", "99", "8", "00", "ｽｽﾞｷ ﾀﾛｳ", "030", null);

        PatientMatch match = PatientMatching.match(HANAKO, List.of(formerJob, someoneElse, twoTenths));

        assertThat(match).isInstanceOfSatisfying(PatientMatch.Matched.class, m -> {
            assertThat(m.by()).isEqualTo(PatientMatch.By.INSURANCE);
            assertThat(m.patient()).isSameAs(twoTenths);
            assertThat(m.changes()).containsExactly(new Difference(Field.CONTRIBUTION_RATIO, "020", "3割"));
            assertThat(m.outdated()).singleElement().satisfies(c -> {
                assertThat(c.stored()).isSameAs(formerJob);
                assertThat(c.differences())
                        .extracting(Difference::field)
                        .containsExactly(Field.INSURER_NUMBER, Field.SYMBOL, Field.NUMBER, Field.BRANCH);
            });
        });
    }

    @Test
    void theSameKanaAndBirthDateWithAnotherCardIsOnlyACandidateWithItsDifferences() {
        StoredInsurance formerJob = row("06130011", "99", "7", "00", "ｻﾄｳ ﾊﾅｺ", "030", null);

        assertThat(PatientMatching.match(HANAKO, List.of(formerJob)))
                .isInstanceOfSatisfying(
                        PatientMatch.Candidate.class,
                        c -> assertThat(c.insurances())
                                .singleElement()
                                .satisfies(compared -> assertThat(compared.differences())
                                        .extracting(Difference::field)
                                        .containsExactly(
                                                Field.INSURER_NUMBER, Field.SYMBOL, Field.NUMBER, Field.BRANCH)));
    }

    @Test
    void theRegisteredReferenceNumberWinsOverAnotherCardAndName() {
        StoredInsurance married = row("06130011", "99", "7", "00", "ﾀﾅｶ ﾊﾅｺ", "030", "K-0001");
        Qualification withNumber = HANAKO.withReferenceNumber(Optional.of(new ReferenceNumber("K-0001")));

        assertThat(PatientMatching.match(withNumber, List.of(married)))
                .isInstanceOfSatisfying(PatientMatch.Matched.class, m -> {
                    assertThat(m.by()).isEqualTo(PatientMatch.By.REFERENCE_NUMBER);
                    assertThat(m.patient()).isSameAs(married);
                    assertThat(m.changes()).isEmpty();
                    assertThat(m.outdated())
                            .extracting(PatientMatch.Compared::stored)
                            .containsExactly(married);
                });
    }

    @Test
    void theCardOfAPatientWithAnotherNameOrTwoPeopleWithOneNumberAreForTheStaffToChoose() {
        StoredInsurance twin = row("01130012", "1234567", "89", "01", "ｻﾄｳ ﾅﾂｺ", "030", null);
        assertThat(PatientMatching.match(HANAKO, List.of(twin))).isEqualTo(new PatientMatch.Ambiguous(List.of(twin)));

        StoredInsurance one = row("06130011", "1", "1", "00", "ｻﾄｳ ﾊﾅｺ", "030", "K-9");
        StoredInsurance other = row("06130011", "2", "2", "00", "ｽｽﾞｷ ﾊﾅｺ", "030", "K-9");
        Qualification withNumber = HANAKO.withReferenceNumber(Optional.of(new ReferenceNumber("K-9")));
        assertThat(PatientMatching.match(withNumber, List.of(one, other)))
                .isEqualTo(new PatientMatch.Ambiguous(List.of(one, other)));
    }

    @Test
    void nobodyBornThatDayWithThisNameOrCardIsAFirstVisit() {
        StoredInsurance someoneElse = row("06130011", "99", "8", "00", "ｽｽﾞｷ ﾀﾛｳ", "030", null);

        assertThat(PatientMatching.match(HANAKO, List.of(someoneElse))).isEqualTo(new PatientMatch.Unknown());
        assertThat(PatientMatching.match(HANAKO, List.of())).isEqualTo(new PatientMatch.Unknown());
    }

    @Test
    void aRowWrittenByThisVeryConfirmationIsNoEvidenceAndAStoreThatFailsIsSaid() {
        PatientDirectory store = birthdate -> List.of(SAME_CARD);

        assertThat(store.match(HANAKO, SAME_CARD.lastIdempotencyKey())).isEqualTo(new PatientMatch.Unknown());
        assertThat(store.match(HANAKO, "another-key")).isInstanceOf(PatientMatch.Matched.class);
        assertThat(PatientDirectory.NONE.match(HANAKO, "k")).isInstanceOf(PatientMatch.Unavailable.class);
    }
}
