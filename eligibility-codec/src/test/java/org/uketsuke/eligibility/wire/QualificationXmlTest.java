package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.ElderlyRecipient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.LimitCategory;
import org.uketsuke.eligibility.LimitCertificate;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.SpecificDisease;
import org.uketsuke.eligibility.SpecificDiseaseCertificate;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;

class QualificationXmlTest {

    static final Qualification HANAKO = new Qualification(
            new InsuranceCardId(InsurerNumber.of("131045"), "受付12", "004567", "01"),
            "受付区国民健康保険",
            "受付　花子",
            "ｳｹﾂｹ ﾊﾅｺ",
            LocalDate.of(1980, 2, 17),
            Sex.FEMALE,
            PersonalFamily.DEPENDANT,
            new ContributionRatio(30),
            LocalDate.of(2020, 4, 1));

    @Test
    void aConfirmedResultSurvivesTheRoundTripInUtf8AndShiftJis() throws Exception {
        ResultMessage message = ResultMessage.confirmed("20261124101500", "1311234567", "file-1", HANAKO, null);
        for (CharacterCode code : CharacterCode.values()) {
            byte[] xml = QualificationXml.write(message.withCharacterCode(code));
            String head = new String(xml, 0, 60, StandardCharsets.US_ASCII);
            assertThat(head)
                    .startsWith(
                            "<?xml version=\"1.0\" encoding=\"" + code.charset().name() + "\" standalone=\"no\"?>");
            ResultMessage back = QualificationXml.parseResult(xml);
            assertThat(back.characterCode()).isEqualTo(code);
            assertThat(back.qualifications()).containsExactly(HANAKO);
            assertThat(back.toOutcome())
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Confirmed.class,
                            c -> assertThat(c.processingTime()).isEqualTo("20261124101500"));
        }
    }

    @Test
    void aShiftJisFileIsReallyShiftJis() {
        byte[] xml = QualificationXml.write(ResultMessage.confirmed("20261124101500", "1311234567", "f", HANAKO, null)
                .withCharacterCode(CharacterCode.SHIFT_JIS));
        String decoded = new String(xml, Charset.forName("Shift_JIS"));
        assertThat(decoded).contains("受付　花子").contains("<CharacterCodeIdentifier>1</CharacterCodeIdentifier>");
        assertThat(new String(xml, StandardCharsets.UTF_8)).doesNotContain("受付　花子");
    }

    @Test
    void sixDigitInsurerNumbersAreRightAlignedInResults() {
        String xml = new String(
                QualificationXml.write(ResultMessage.confirmed("20261124101500", "1311234567", "f", HANAKO, null)),
                StandardCharsets.UTF_8);
        assertThat(xml).contains("<InsurerNumber>  131045</InsurerNumber>");
    }

    @Test
    void elementsAreFoundByNameWhateverTheirOrder() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8" standalone="no"?>
                <XmlMsg>
                  <MessageBody>
                    <ResultList><ResultOfQualificationConfirmation>
                      <InsuredPartialContributionRatio>020</InsuredPartialContributionRatio>
                      <Birthdate>19500101</Birthdate>
                      <InsuredIdentificationNumber>12345678</InsuredIdentificationNumber>
                      <InsurerNumber>39131016</InsurerNumber>
                    </ResultOfQualificationConfirmation></ResultList>
                    <QualificationValidity>1</QualificationValidity>
                    <ProcessingResultStatus>1</ProcessingResultStatus>
                  </MessageBody>
                  <MessageHeader>
                    <SegmentOfResult>1</SegmentOfResult>
                    <ProcessExecutionTime>20261124101500</ProcessExecutionTime>
                  </MessageHeader>
                </XmlMsg>
                """;
        ConfirmationOutcome outcome = QualificationXml.parseResult(xml.strip().getBytes(StandardCharsets.UTF_8))
                .toOutcome();
        assertThat(outcome).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
            assertThat(c.qualification().card().symbol()).isEmpty();
            assertThat(c.qualification().contributionRatio().percent()).isEqualTo(20);
        });
    }

    @Test
    void externalEntitiesAndDtdsAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE XmlMsg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <XmlMsg><MessageHeader><ProcessExecutionTime>&secret;</ProcessExecutionTime></MessageHeader></XmlMsg>
                """;
        assertThatThrownBy(() -> QualificationXml.parseResult(xxe.strip().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("DTD");
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
                <XmlMsg>&lol2;</XmlMsg>
                """;
        assertThatThrownBy(() -> QualificationXml.parseResult(laughs.strip().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void truncatedOrInvalidMessagesAreTypedErrors() {
        byte[] whole =
                QualificationXml.write(ResultMessage.confirmed("20261124101500", "1311234567", "f", HANAKO, null));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> QualificationXml.parseResult(truncated)).isInstanceOf(MalformedMessageException.class);
        String badCheckDigit = new String(whole, StandardCharsets.UTF_8).replace("  131045", "  131046");
        assertThatThrownBy(() -> QualificationXml.parseResult(badCheckDigit.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("InsurerNumber");
    }

    /** Found by QualificationXmlFuzzTest (corpus fuzz/ResultXml/found-batch-count-overflow.xml): was a NumberFormatException. */
    @Test
    void batchCountsThatAreNotSmallNumbersAreMalformed() throws Exception {
        String status = new String(
                QualificationXml.writeBatchStatus("R0001", "20261124101500", 1, 2, List.of(), null),
                StandardCharsets.UTF_8);
        for (String count : new String[] {"2147483648", "-1", "1e3", "１"}) {
            byte[] bad = status.replace(
                            "<NumberOfProcessingResult>1</NumberOfProcessingResult>",
                            "<NumberOfProcessingResult>" + count + "</NumberOfProcessingResult>")
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> QualificationXml.parseBatchStatus(bad))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("NumberOfProcessingResult");
        }
        assertThat(QualificationXml.parseBatchStatus(status.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new BatchStatus.Processing("R0001", 1, 2));
    }

    @Test
    void rejectionsCarryTheirReasonThroughTheWire() throws Exception {
        for (RejectionReason reason : RejectionReason.values()) {
            byte[] xml =
                    QualificationXml.write(ResultMessage.rejected("20261124101500", "1311234567", "f", reason, "理由"));
            assertThat(QualificationXml.parseResult(xml).toOutcome())
                    .isEqualTo(new ConfirmationOutcome.Rejected(reason, ResultCodes.codeOf(reason), "理由"));
        }
    }

    @Test
    void everyOptionalBlockSurvivesTheRoundTrip() throws Exception {
        QualificationDetails details = new QualificationDetails(
                Optional.of(new ElderlyRecipient(
                        LocalDate.of(2026, 4, 1),
                        LocalDate.of(2026, 4, 1),
                        LocalDate.of(2027, 3, 31),
                        new ContributionRatio(20))),
                Optional.of(new LimitCertificate(
                        "01", LimitCategory.A03, LocalDate.of(2026, 4, 1), LocalDate.of(2027, 3, 31))),
                List.of(new SpecificDiseaseCertificate(
                        SpecificDisease.CHRONIC_RENAL_FAILURE_DIALYSIS, LocalDate.of(2025, 1, 1), null, 10_000)),
                List.of(new PublicExpense(
                        PublicExpensePayerNumber.of("54016027"),
                        PublicExpenseRecipientNumber.of("1234566"),
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 12, 31))));
        Qualification full = new Qualification(
                HANAKO.card(),
                HANAKO.insurerName(),
                HANAKO.name(),
                HANAKO.nameKana(),
                LocalDate.of(1953, 5, 5),
                Sex.MALE,
                PersonalFamily.INSURED,
                new ContributionRatio(20),
                LocalDate.of(2018, 4, 1),
                details);
        for (CharacterCode code : CharacterCode.values()) {
            byte[] xml = QualificationXml.write(
                    ResultMessage.confirmed("20261124101500", "1311234567", "f", full, "証明書の有効期限が近づいています")
                            .withCharacterCode(code));
            ResultMessage back = QualificationXml.parseResult(xml);
            assertThat(back.qualifications()).containsExactly(full);
            assertThat(back.toOutcome())
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Confirmed.class,
                            c -> assertThat(c.notice()).isEqualTo("証明書の有効期限が近づいています"));
        }
    }

    @Test
    void theCardRequestRoundTrips() throws Exception {
        CardConfirmationRequest request = new CardConfirmationRequest(
                new byte[] {1, 2, 3},
                new byte[] {4, 5},
                new byte[] {6},
                IdentityMethod.FACE,
                Consents.answered(Consent.YES, Consent.NO, Consent.YES, Consent.NOT_OBTAINED, Consent.YES, Consent.NO),
                "abc123");
        QualificationXml.CardRequest back = QualificationXml.parseCardRequest(
                QualificationXml.writeCardRequest(request, "1311234567", "20261124101500"));
        assertThat(back.request().authCertificateDer()).containsExactly(1, 2, 3);
        assertThat(back.request().signature()).containsExactly(6);
        assertThat(back.request().method()).isEqualTo(IdentityMethod.FACE);
        assertThat(back.request().consents()).isEqualTo(request.consents());
        assertThat(back.request().consents().clinical()).isEqualTo(Consent.YES);
        assertThat(back.request().arbitraryFileIdentifier()).isEqualTo("abc123");
        assertThat(back.medicalInstitutionCode()).isEqualTo("1311234567");
    }

    /** Windows writes "shift_jis" as code page 932: 髙 and ① are read as written, in the message and as text. */
    @Test
    void shiftJisFromWindowsIsReadAsCodePage932() throws Exception {
        String utf8 = new String(
                QualificationXml.write(ResultMessage.confirmed("20261204093000", "1311234567", "cp932", HANAKO, null)),
                StandardCharsets.UTF_8);
        byte[] windows = utf8.replace("encoding=\"UTF-8\"", "encoding=\"shift_jis\"")
                .replace(HANAKO.name(), "髙橋①")
                .getBytes(Charset.forName("windows-31j"));

        ResultMessage message = QualificationXml.parseResult(windows);

        assertThat(message.qualifications().getFirst().name()).isEqualTo("髙橋①");
        assertThat(ResultBytes.text(windows)).contains("髙橋①");
        assertThat(new String(ResultBytes.in(windows, CharacterCode.UTF_8), StandardCharsets.UTF_8))
                .contains("髙橋①");
    }

    @Test
    void aShiftJisFaceFileWithShuffledAndUnmodelledElementsIsRead() throws Exception {
        byte[] file;
        try (var in = getClass().getResourceAsStream("OQSsiquc01res_face_sample.xml")) {
            file = in.readAllBytes();
        }
        ResultMessage message = QualificationXml.parseResult(file);
        assertThat(message.characterCode()).isEqualTo(CharacterCode.SHIFT_JIS);
        assertThat(message.arbitraryFileIdentifier()).isEqualTo("1311234567a1b2c3d4e5f6a7b8c9d0");
        assertThat(message.medicalInstitutionCode()).isEqualTo("1311234567");
        assertThat(message.toOutcome()).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
            assertThat(c.processingTime()).isEqualTo("20261124101502");
            assertThat(c.notice()).isEqualTo("利用者証明用電子証明書の有効期限が３か月以内に切れます。");
            Qualification q = c.qualification();
            assertThat(q.card()).isEqualTo(new InsuranceCardId(InsurerNumber.of("131045"), "受付12", "004567", "01"));
            assertThat(q.name()).isEqualTo("受診　太郎");
            assertThat(q.nameKana()).isEqualTo("ｼﾞｭｼﾝ ﾀﾛｳ");
            assertThat(q.birthdate()).isEqualTo(LocalDate.of(1952, 3, 10));
            assertThat(q.sex()).isEqualTo(Sex.MALE);
            assertThat(q.personalFamily()).isEqualTo(PersonalFamily.INSURED);
            assertThat(q.contributionRatio().tenths()).isEqualTo(2);
            assertThat(q.qualificationDate()).isEqualTo(LocalDate.of(2017, 4, 1));
            assertThat(q.details().elderly()).hasValueSatisfying(e -> {
                assertThat(e.ratio()).isEqualTo(new ContributionRatio(20));
                assertThat(e.validEnd()).isEqualTo(LocalDate.of(2026, 7, 31));
            });
        });
    }

    @Test
    void everyAnsweredOutcomeBecomesAResultMessageThatReadsBackTheSame() throws Exception {
        List<ConfirmationOutcome> outcomes = new ArrayList<>();
        outcomes.add(new ConfirmationOutcome.Confirmed(HANAKO, "20261124101500", null));
        outcomes.add(new ConfirmationOutcome.Confirmed(HANAKO, "20261124101500", "証明書の有効期限が近づいています"));
        for (RejectionReason reason : RejectionReason.values()) {
            outcomes.add(new ConfirmationOutcome.Rejected(reason, ResultCodes.codeOf(reason), "理由"));
        }
        outcomes.add(new ConfirmationOutcome.Rejected(RejectionReason.NO_QUALIFICATION, "X9999", "資格なし（他システムの符号）"));
        for (ConfirmationOutcome outcome : outcomes) {
            ResultMessage message = ResultMessage.of(outcome, "20261124101600", "1311234567", "f-1")
                    .orElseThrow();
            assertThat(QualificationXml.parseResult(QualificationXml.write(message))
                            .toOutcome())
                    .isEqualTo(outcome);
            assertThat(message.arbitraryFileIdentifier()).isEqualTo("f-1");
        }
        assertThat(ResultMessage.of(
                        new Unavailable(UnavailableReason.TIMEOUT, "slow"), "20261124101600", "1311234567", "f-1"))
                .as("an outage has no answer to pass on")
                .isEmpty();
    }
}
