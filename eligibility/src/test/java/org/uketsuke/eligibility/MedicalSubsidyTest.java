package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedicalSubsidyTest {

    private static final LocalDate APRIL = LocalDate.of(2026, 4, 1);

    private static MedicalSubsidy child(LocalDate end) {
        return new MedicalSubsidy(
                SubsidyKind.CHILD,
                PublicExpensePayerNumber.of("88138243"),
                PublicExpenseRecipientNumber.of("1234566"),
                "八王子市",
                APRIL,
                end,
                new SubsidyCopay(200, null));
    }

    @Test
    void theNumbersAMunicipalityPublishesPassTheCheckDigitAndABrokenOneIsRefusedUnlessAdmitted() {
        // 八王子市's PMH programmes (docs/spec-notes/pmh.md#sources): マル親, マル乳, マル子, マル青.
        for (String published : List.of("81136244", "81137242", "88138243", "88131248", "89131247")) {
            assertThat(PublicExpensePayerNumber.of(published).lawCode().publicExpense())
                    .isTrue();
        }
        assertThatThrownBy(() -> PublicExpensePayerNumber.of("88138244"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("check digit");
        assertThat(PublicExpensePayerNumber.unchecked("88138244").checked()).isFalse();
        assertThatThrownBy(() -> PublicExpenseRecipientNumber.of("123456"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("7 digits");
    }

    @Test
    void aSubsidyIsValidFromItsStartToItsEndInclusiveAndOpenEndedWithoutAnEnd() {
        MedicalSubsidy s = child(LocalDate.of(2027, 3, 31));
        assertThat(s.validOn(APRIL)).isTrue();
        assertThat(s.validOn(LocalDate.of(2027, 3, 31))).isTrue();
        assertThat(s.validOn(LocalDate.of(2027, 4, 1))).isFalse();
        assertThat(s.validOn(APRIL.minusDays(1))).isFalse();
        assertThat(child(null).validOn(LocalDate.of(2040, 1, 1))).isTrue();
        assertThatThrownBy(() -> child(APRIL.minusDays(1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("MedicalSubsidyValidEndDate");
    }

    @Test
    void theCopayIsFreeOnlyWithoutAnAmountAndNeverNegative() {
        assertThat(SubsidyCopay.NONE.free()).isTrue();
        assertThat(new SubsidyCopay(200, null).free()).isFalse();
        assertThat(new SubsidyCopay(null, 5000).free()).isFalse();
        assertThatThrownBy(() -> new SubsidyCopay(-1, null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void onlyAProvidedAnswerCarriesSubsidiesAndOnlyAnUnconnectedMunicipalityNeedsPaper() {
        assertThatThrownBy(() -> new MedicalSubsidies(MedicalSubsidies.Status.DECLINED, List.of(child(null))))
                .isInstanceOf(InvalidValueException.class);
        assertThat(MedicalSubsidies.provided(List.of(child(null))).subsidies()).hasSize(1);
        assertThat(MedicalSubsidies.of(MedicalSubsidies.Status.MUNICIPALITY_NOT_CONNECTED)
                        .paperNeeded())
                .isTrue();
        assertThat(MedicalSubsidies.of(MedicalSubsidies.Status.DECLINED).paperNeeded())
                .isFalse();
        assertThat(MedicalSubsidies.Status.ofCode("3")).isEqualTo(MedicalSubsidies.Status.MUNICIPALITY_NOT_CONNECTED);
        assertThat(SubsidyKind.ofCode("05")).isEqualTo(SubsidyKind.PEDIATRIC_CHRONIC);
        assertThatThrownBy(() -> SubsidyKind.ofCode("42")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theStatementKeepsItsBytesWithoutThePmhQuestionAndBindsTheAnswerWhenAsked() {
        byte[] nonce = {1, 2, 3};
        Consents plain = Consents.all(Consent.YES);
        ConfirmationStatement without =
                new ConfirmationStatement(nonce, "1310000001", plain, ConsentScenario.OUTPATIENT, null);
        assertThat(new String(without.bytes(), StandardCharsets.UTF_8)).doesNotContain("|S");
        byte[] yes = new ConfirmationStatement(
                        nonce, "1310000001", plain.withSubsidy(Consent.YES), ConsentScenario.OUTPATIENT, null)
                .sha256();
        byte[] no = new ConfirmationStatement(
                        nonce, "1310000001", plain.withSubsidy(Consent.NO), ConsentScenario.OUTPATIENT, null)
                .sha256();
        // An answer flipped, added or dropped on the way no longer matches what the patient's proof signed.
        assertThat(yes).isNotEqualTo(no).isNotEqualTo(without.sha256());
        assertThat(no).isNotEqualTo(without.sha256());
    }

    @Test
    void validity6ConfirmsLike1AndMedicalAidWithoutATicketIsRecognised() {
        assertThat(QualificationValidity.ofCode("6").valid()).isTrue();
        assertThat(QualificationValidity.ofCode("1").valid()).isTrue();
        assertThat(QualificationValidity.ofCode("3").valid()).isFalse();
        MedicalTicket april = new MedicalTicket(
                "1",
                PublicExpensePayerNumber.of("12130001"),
                PublicExpenseRecipientNumber.of("1234566"),
                APRIL,
                LocalDate.of(2026, 4, 30));
        ResultParticulars aid = ResultParticulars.medicalAid(List.of(april));
        assertThat(aid.medicalAidWithoutTicket()).isFalse();
        assertThat(aid.withSubsidies(MedicalSubsidies.NOT_ASKED).medicalTickets())
                .containsExactly(april);
        ResultParticulars none = ResultParticulars.medicalAid(List.of());
        assertThat(none.medicalAidWithoutTicket()).isTrue();
        assertThat(ResultParticulars.none().medicalAidWithoutTicket()).isFalse();
    }
}
