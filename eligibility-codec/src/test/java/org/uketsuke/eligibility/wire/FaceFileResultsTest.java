package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Qualification;

/**
 * Result files as clinic-side programs leave them in the 連携アプリ's face folder (docs/spec-notes/face-files.md): a
 * 医療扶助-only result (numbers in the insurance fields, no 負担割合) and a file listing several results, each told apart
 * with everything else kept.
 */
class FaceFileResultsTest {

    private static final Charset CP932 = Charset.forName("windows-31j");

    private static final String HEAD =
            "<?xml version=\"1.0\" encoding=\"shift_jis\" standalone=\"no\"?>\r\n<XmlMsg>\r\n"
                    + "\t<MessageHeader>\r\n\t\t<ProcessExecutionTime>20261204100000</ProcessExecutionTime>\r\n"
                    + "\t\t<ArbitraryFileIdentifier>OQSDRUG0000000030001</ArbitraryFileIdentifier>\r\n"
                    + "\t\t<ReferenceClassification>A</ReferenceClassification>\r\n"
                    + "\t\t<SegmentOfResult>1</SegmentOfResult>\r\n\t\t<CharacterCodeIdentifier>1</CharacterCodeIdentifier>\r\n"
                    + "\t</MessageHeader>\r\n\t<MessageBody>\r\n\t\t<ProcessingResultStatus>1</ProcessingResultStatus>\r\n"
                    + "\t\t<QualificationValidity>1</QualificationValidity>\r\n\t\t<ResultList>";
    private static final String TAIL =
            "\r\n\t\t</ResultList>\r\n\t\t<Unmodelled>kept</Unmodelled>\r\n" + "\t</MessageBody>\r\n</XmlMsg>";

    private static String aid(String numbers, String kana) {
        return "\r\n\t\t\t<ResultOfQualificationConfirmation>\r\n"
                + "\t\t\t\t<InsuredCardClassification>A1</InsuredCardClassification>\r\n" + numbers
                + "\t\t\t\t<Name>髙木　一</Name>\r\n\t\t\t\t<NameKana>" + kana + "</NameKana>\r\n"
                + "\t\t\t\t<Birthdate>19600101</Birthdate>\r\n\t\t\t\t<InsurerName>受付区福祉事務所</InsurerName>\r\n"
                + "\t\t\t\t<PublicExpenseResultList>\r\n\t\t\t\t\t<MedicalTicketInfo>\r\n"
                + "\t\t\t\t\t\t<TicketType>1</TicketType>\r\n"
                + "\t\t\t\t\t\t<MedicalTicketValidDate>20261201</MedicalTicketValidDate>\r\n"
                + "\t\t\t\t\t\t<MedicalTicketExpirationDate>20261231</MedicalTicketExpirationDate>\r\n"
                + "\t\t\t\t\t\t<SelfPayAmount>0</SelfPayAmount>\r\n"
                + "\t\t\t\t\t</MedicalTicketInfo>\r\n\t\t\t\t</PublicExpenseResultList>\r\n"
                + "\t\t\t</ResultOfQualificationConfirmation>";
    }

    private static final String IN_INSURANCE_FIELDS = "\t\t\t\t<InsurerNumber>12130019</InsurerNumber>\r\n"
            + "\t\t\t\t<InsuredIdentificationNumber>3000015</InsuredIdentificationNumber>\r\n";
    private static final String AS_PUBLIC_EXPENSE = "\t\t\t\t<PublicExpenseNumber>12130019</PublicExpenseNumber>\r\n"
            + "\t\t\t\t<BeneficiaryNumber>3000015</BeneficiaryNumber>\r\n";

    private static byte[] file(String... results) {
        return (HEAD + String.join("", results) + TAIL).getBytes(CP932);
    }

    @Test
    void aMedicalAidOnlyResultIsAConfirmationWithItsNumbersAsTheCardAndNoRatio() throws Exception {
        for (String numbers : List.of(IN_INSURANCE_FIELDS, AS_PUBLIC_EXPENSE)) {
            ConfirmationOutcome outcome = QualificationXml.outcomeOf(file(aid(numbers, "ﾀｶｷﾞ ﾊｼﾞﾒ")));

            assertThat(outcome).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
                Qualification q = c.qualification();
                assertThat(q.particulars().cardClassification().medicalAid()).isTrue();
                assertThat(q.card().insurer().value()).isEqualTo("12130019");
                assertThat(q.card().number()).isEqualTo("3000015");
                assertThat(q.contributionRatio().percent()).isZero();
                assertThat(q.name()).isEqualTo("髙木　一");
                assertThat(q.particulars().medicalTickets()).singleElement().satisfies(t -> {
                    assertThat(t.payer().value()).isEqualTo("12130019");
                    assertThat(t.recipient().value()).isEqualTo("3000015");
                    assertThat(t.validStart()).isEqualTo(LocalDate.of(2026, 12, 1));
                });
            });
        }
    }

    @Test
    void aMedicalAidResultWithoutItsNumbersOrAnInsuranceResultWithoutItsRatioIsMalformed() {
        assertThatThrownBy(() -> QualificationXml.parseResult(file(aid("", "ﾀｶｷﾞ ﾊｼﾞﾒ"))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("InsurerNumber");
        String insurance = aid(IN_INSURANCE_FIELDS, "ﾀｶｷﾞ ﾊｼﾞﾒ").replace(">A1<", ">01<");
        assertThatThrownBy(() -> QualificationXml.parseResult(file(insurance)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("InsuredPartialContributionRatio");
    }

    @Test
    void eachResultOfAFileComesAloneWithEverythingElseAsItWas() throws Exception {
        String first = aid(IN_INSURANCE_FIELDS, "ﾀｶｷﾞ ﾊｼﾞﾒ");
        String second = aid(AS_PUBLIC_EXPENSE, "ﾀｶｷﾞ ﾌﾀﾊﾞ");
        byte[] both = file(first, second);

        List<byte[]> each = ResultBytes.eachResult(both);

        assertThat(each).hasSize(2);
        assertThat(each.get(0)).isEqualTo(file(first));
        assertThat(each.get(1)).isEqualTo(file(second));
        assertThat(QualificationXml.parseResult(each.get(1)).qualifications())
                .singleElement()
                .extracting(Qualification::nameKana)
                .isEqualTo("ﾀｶｷﾞ ﾌﾀﾊﾞ");
        // One result: the very bytes.
        assertThat(ResultBytes.eachResult(each.get(0))).singleElement().isEqualTo(each.get(0));
    }
}
