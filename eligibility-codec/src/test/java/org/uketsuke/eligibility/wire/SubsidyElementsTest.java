package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.SubsidyCopay;
import org.uketsuke.eligibility.SubsidyKind;

/** The provisional PMH elements (docs/spec-notes/pmh.md#elements) and QualificationValidity 6 through the wire. */
class SubsidyElementsTest {

    private static final Qualification CHILD = QualificationXmlTest.HANAKO;

    private static final MedicalSubsidy MARU_NYU = new MedicalSubsidy(
            SubsidyKind.CHILD,
            PublicExpensePayerNumber.of("88138243"),
            PublicExpenseRecipientNumber.of("1234566"),
            "八王子市",
            LocalDate.of(2026, 4, 1),
            LocalDate.of(2027, 3, 31),
            SubsidyCopay.NONE);

    /** A local programme's number whose last digit is not the check digit: kept as sent, marked unchecked. */
    private static final MedicalSubsidy LOCAL = new MedicalSubsidy(
            SubsidyKind.DISABILITY,
            PublicExpensePayerNumber.unchecked("80136240"),
            null,
            null,
            LocalDate.of(2025, 10, 1),
            null,
            new SubsidyCopay(500, 2500));

    private static ResultMessage confirmed(Qualification q) {
        return ResultMessage.confirmed("20261124101500", "1311234567", "f", q, null);
    }

    private static Qualification with(MedicalSubsidies answer) {
        return CHILD.withParticulars(ResultParticulars.none().withSubsidies(answer));
    }

    @Test
    void everyAnswerSurvivesTheRoundTripInBothCharacterCodes() throws Exception {
        for (MedicalSubsidies answer : List.of(
                MedicalSubsidies.provided(List.of(MARU_NYU, LOCAL)),
                MedicalSubsidies.provided(List.of()),
                MedicalSubsidies.of(MedicalSubsidies.Status.DECLINED),
                MedicalSubsidies.of(MedicalSubsidies.Status.MUNICIPALITY_NOT_CONNECTED))) {
            for (CharacterCode code : CharacterCode.values()) {
                byte[] xml = QualificationXml.write(confirmed(with(answer)).withCharacterCode(code));
                Qualification back =
                        QualificationXml.parseResult(xml).qualifications().getFirst();
                assertThat(back.particulars().subsidies()).isEqualTo(answer);
            }
        }
    }

    @Test
    void aResultWhereNothingWasAskedHasNoPmhElementAndReadsAsNotAsked() throws Exception {
        String xml = new String(QualificationXml.write(confirmed(CHILD)), StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("MedicalSubsidy");
        assertThat(QualificationXml.parseResult(xml.getBytes(StandardCharsets.UTF_8))
                        .qualifications()
                        .getFirst()
                        .particulars()
                        .subsidies())
                .isEqualTo(MedicalSubsidies.NOT_ASKED);
    }

    @Test
    void aBrokenPmhBlockIsATypedErrorNotACrash() {
        String good = new String(
                QualificationXml.write(confirmed(with(MedicalSubsidies.provided(List.of(MARU_NYU))))),
                StandardCharsets.UTF_8);
        for (String broken : List.of(
                good.replace("<MedicalSubsidyKind>01<", "<MedicalSubsidyKind>42<"),
                good.replace("<MedicalSubsidyInfoStatus>1<", "<MedicalSubsidyInfoStatus>2<"),
                good.replace("88138243", "8813824"),
                good.replace("<MedicalSubsidyValidStartDate>20260401<", "<MedicalSubsidyValidStartDate>2026-4<"),
                good.replace(
                        "</MedicalSubsidyMunicipalityName>",
                        "</MedicalSubsidyMunicipalityName><MedicalSubsidySelfPayPerVisit>-5</MedicalSubsidySelfPayPerVisit>"))) {
            assertThat(broken).isNotEqualTo(good);
            assertThatThrownBy(() -> QualificationXml.parseResult(broken.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void theCardRequestCarriesThePmhAnswerOnlyWhenAsked() throws Exception {
        Consents asked = Consents.all(Consent.YES).withSubsidy(Consent.NO);
        for (Consents consents : List.of(asked, Consents.all(Consent.YES))) {
            CardConfirmationRequest request = new CardConfirmationRequest(
                    new byte[] {1}, new byte[] {2}, new byte[] {3}, IdentityMethod.PIN, consents, "f");
            byte[] xml = QualificationXml.writeCardRequest(request, "1311234567", "20261124101500");
            assertThat(new String(xml, StandardCharsets.UTF_8).contains(SubsidyElements.CONSENT))
                    .isEqualTo(consents.subsidyAsked());
            assertThat(QualificationXml.parseCardRequest(xml).request().consents())
                    .isEqualTo(consents);
        }
    }

    @Test
    void medicalAidWithoutATicketIsValidity6AndStillConfirms() throws Exception {
        MedicalTicket march = new MedicalTicket(
                "1",
                PublicExpensePayerNumber.of("12130001"),
                PublicExpenseRecipientNumber.of("1234566"),
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31));
        for (List<MedicalTicket> tickets : List.of(List.<MedicalTicket>of(), List.of(march))) {
            Qualification aid = CHILD.withParticulars(ResultParticulars.medicalAid(tickets));
            ResultMessage back = QualificationXml.parseResult(QualificationXml.write(confirmed(aid)));
            assertThat(back.qualificationValidity()).isEqualTo(tickets.isEmpty() ? "6" : "1");
            assertThat(back.toOutcome()).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        }
        assertThat(confirmed(CHILD).withQualificationValidity("2").toOutcome())
                .isInstanceOf(ConfirmationOutcome.Rejected.class);
    }
}
