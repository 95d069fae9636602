package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.SampleConfirmation;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.InsuredCardClassification;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ResultParticulars;

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

    @Test
    void anyoneElseSeesNothingOfIt() {
        assertThat(MedicalAssistanceTexts.of(new Messages(Messages.ENGLISH), ORDINARY))
                .isEmpty();
    }
}
