package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.SampleConfirmation;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuredCardClassification;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.Sex;

class MedicalAssistanceTextsTest {

    private static final Qualification ORDINARY = SampleConfirmation.CONFIRMED.qualification();
    private static final String PAYER = "1213001" + CheckDigit.of("1213001");

    private static Qualification assisted() {
        ResultParticulars none = ResultParticulars.none();
        MedicalTicket ticket = new MedicalTicket(
                "1",
                PublicExpensePayerNumber.of(PAYER),
                PublicExpenseRecipientNumber.of("300011" + CheckDigit.of("300011")),
                LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 31));
        return ORDINARY.withParticulars(new ResultParticulars(
                new InsuredCardClassification("A1"),
                none.insuredName(),
                none.nameOfOther(),
                none.nameOfOtherKana(),
                none.sex2(),
                none.address(),
                none.postNumber(),
                none.disqualificationDate(),
                none.certificateIssuanceDate(),
                none.cardValidDate(),
                none.cardExpirationDate(),
                none.preschoolClassification(),
                none.reasonOfLoss(),
                List.of(),
                List.of(ticket)));
    }

    @Test
    void aRecipientSeesTheTicketAndItsValidityAndTheStaffAlsoItsNumbers() {
        assertThat(MedicalAssistanceTexts.of(new Messages(Messages.JAPANESE), assisted()))
                .contains("医療扶助: 医療券（有効期間 2026-12-01〜2026-12-31）");
        assertThat(MedicalAssistanceTexts.forStaff(new Messages(Messages.ENGLISH), assisted()))
                .hasValueSatisfying(t -> assertThat(t).contains(PAYER).contains("medical ticket"));
    }

    @Test
    void aRecipientWithoutARegisteredTicketIsToldTheReceptionWillAskTheWelfareOffice() {
        Qualification ticketless = ORDINARY.withParticulars(ResultParticulars.medicalAid(List.of()));
        assertThat(MedicalAssistanceTexts.of(new Messages(Messages.JAPANESE), ticketless))
                .contains("医療扶助: 今回の受診の医療券がまだ登録されていません（受付から福祉事務所に確認します）");
        assertThat(MedicalAssistanceTexts.forStaff(new Messages(Messages.ENGLISH), ticketless))
                .hasValueSatisfying(t -> assertThat(t).contains("no medical ticket"));
    }

    /**
     * 医療扶助 without health insurance, as imported from the 連携アプリ's face folder: the 公費負担者番号 and 受給者番号 stand
     * where an insurance's numbers would, and no 負担割合 was sent — the staff are told it is 医療扶助 alone.
     */
    @Test
    void theStaffAreToldAResultIsMedicalAidAloneWithItsNumbers() {
        Qualification alone = new Qualification(
                        new InsuranceCardId(InsurerNumber.of(PAYER), "", "3000015", ""),
                        "受付区福祉事務所",
                        "扶助　太郎",
                        "ﾌｼﾞｮ ﾀﾛｳ",
                        LocalDate.of(1960, 1, 1),
                        Sex.MALE,
                        PersonalFamily.INSURED,
                        new ContributionRatio(0),
                        LocalDate.of(2026, 4, 1))
                .withParticulars(assisted().particulars());
        assertThat(MedicalAssistanceTexts.forStaff(new Messages(Messages.JAPANESE), alone))
                .hasValueSatisfying(t -> assertThat(t)
                        .contains("医療扶助単独（医療保険なし）: 公費負担者番号 " + PAYER + "・受給者番号 3000015")
                        .contains("医療券"));
        assertThat(MedicalAssistanceTexts.forStaff(new Messages(Messages.ENGLISH), alone))
                .hasValueSatisfying(t -> assertThat(t).contains("public assistance only (no health insurance)"));
        // Beside a health insurance (the kiosk's own 医療扶助 results of the mock) it is not said.
        assertThat(MedicalAssistanceTexts.forStaff(new Messages(Messages.ENGLISH), assisted()))
                .hasValueSatisfying(t -> assertThat(t).doesNotContain("public assistance only"));
    }

    @Test
    void anyoneElseSeesNothingOfIt() {
        assertThat(MedicalAssistanceTexts.of(new Messages(Messages.ENGLISH), ORDINARY))
                .isEmpty();
    }
}
