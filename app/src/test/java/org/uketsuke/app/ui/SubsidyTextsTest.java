package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.SampleConfirmation;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.SubsidyCopay;
import org.uketsuke.eligibility.SubsidyKind;

class SubsidyTextsTest {

    private static final Qualification ORDINARY = SampleConfirmation.CONFIRMED.qualification();
    private static final Messages JA = new Messages(Messages.JAPANESE);
    private static final Messages EN = new Messages(Messages.ENGLISH);

    private static Qualification answered(MedicalSubsidies answer) {
        return ORDINARY.withParticulars(ResultParticulars.none().withSubsidies(answer));
    }

    private static final MedicalSubsidy CHILD =
            subsidy(SubsidyKind.CHILD, PublicExpensePayerNumber.of("88138243"), "1234566", "八王子市", SubsidyCopay.NONE);

    private static final MedicalSubsidy DISABILITY = subsidy(
            SubsidyKind.DISABILITY,
            PublicExpensePayerNumber.unchecked("80136240"),
            null,
            null,
            new SubsidyCopay(500, 2500));

    /** Valid from April 2026; a 受給者証 with a 受給者番号 ends in March 2027, one without is open-ended. */
    private static MedicalSubsidy subsidy(
            SubsidyKind kind, PublicExpensePayerNumber payer, String recipient, String town, SubsidyCopay copay) {
        LocalDate april = LocalDate.of(2026, 4, 1);
        return new MedicalSubsidy(
                kind,
                payer,
                recipient == null ? null : PublicExpenseRecipientNumber.of(recipient),
                town,
                april,
                recipient == null ? null : april.plusYears(1).minusDays(1),
                copay);
    }

    @Test
    void thePatientSeesTheProgrammeAndItsValidityAndTheStaffAlsoTheNumbersAndTheCopay() {
        Qualification q = answered(MedicalSubsidies.provided(List.of(CHILD, DISABILITY)));
        assertThat(SubsidyTexts.forPatient(JA, q)).contains("医療費助成: 子ども医療費助成（八王子市） 2027-03-31まで有効 / 重度心身障害者医療費助成");
        assertThat(SubsidyTexts.forPatient(JA, q).orElseThrow()).doesNotContain("88138243");
        assertThat(SubsidyTexts.forStaff(EN, q))
                .hasValueSatisfying(t -> assertThat(t)
                        .contains("(88138243 / 1234566) nothing to pay")
                        .contains("(80136240) 500 yen per visit at most 2,500 yen a month"));
    }

    @Test
    void anUnconnectedMunicipalityOrADeclineAsksForThePaperCertificate() {
        Qualification paper = answered(MedicalSubsidies.of(MedicalSubsidies.Status.MUNICIPALITY_NOT_CONNECTED));
        assertThat(SubsidyTexts.forPatient(JA, paper))
                .hasValueSatisfying(t -> assertThat(t).contains("紙の受給者証"));
        assertThat(SubsidyTexts.forStaff(EN, paper)).contains("PMH: municipality not connected: check the paper 受給者証");
        Qualification declined = answered(MedicalSubsidies.of(MedicalSubsidies.Status.DECLINED));
        assertThat(SubsidyTexts.forPatient(EN, declined))
                .hasValueSatisfying(t -> assertThat(t).contains("paper medical subsidy certificate"));
    }

    @Test
    void nothingAskedShowsNothingAndNothingHeldOnlyTellsTheStaff() {
        assertThat(SubsidyTexts.forPatient(JA, ORDINARY)).isEmpty();
        assertThat(SubsidyTexts.forStaff(JA, ORDINARY)).isEmpty();
        Qualification none = answered(MedicalSubsidies.provided(List.of()));
        assertThat(SubsidyTexts.forPatient(JA, none)).isEmpty();
        assertThat(SubsidyTexts.forStaff(JA, none)).contains("PMH：受給者証なし");
    }
}
