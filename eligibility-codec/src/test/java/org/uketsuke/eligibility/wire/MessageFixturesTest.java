package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalPatient;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.medical.TreatmentAct;
import org.uketsuke.eligibility.wire.medical.MedicalXml;

/**
 * The message families as files (src/test/resources/…/wire/fixtures): each is parsed into the model and produced again,
 * and the result file passes through {@link ResultBytes} unchanged.
 */
class MessageFixturesTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = MessageFixturesTest.class.getResourceAsStream("fixtures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theFaceResultFixtureReadsEveryElement() throws Exception {
        byte[] bytes = fixture("face-result.xml");
        ResultMessage message = QualificationXml.parseResult(bytes);
        assertThat(message.prescriptionIssueSelect()).isEqualTo("1");
        Qualification q = message.qualifications().getFirst();
        ResultParticulars p = q.particulars();
        assertThat(p.cardClassification().code()).isEqualTo("01");
        assertThat(p.insuredName()).isEqualTo("受付　花子");
        assertThat(p.nameOfOther()).isEqualTo("受付　はな");
        assertThat(p.nameOfOtherKana()).isEqualTo("ｳｹﾂｹ ﾊﾅ");
        assertThat(p.sex2()).isEqualTo("2");
        assertThat(p.address()).isEqualTo("東京都受付区受付町1丁目2番3号");
        assertThat(p.postNumber()).isEqualTo("100-0001");
        assertThat(p.certificateIssuanceDate()).isEqualTo(LocalDate.of(2026, 8, 1));
        assertThat(p.cardExpirationDate()).isEqualTo(LocalDate.of(2027, 7, 31));
        assertThat(q.details().limit().orElseThrow().certificateDate()).isEqualTo(LocalDate.of(2026, 8, 1));
        assertThat(q.details().limit().orElseThrow().longTermDate()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q.details().specificDiseases().getFirst().certificateDate()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(p.medicalTickets().getFirst().payer().value()).isEqualTo("12130019");
        assertThat(p.consents()).hasSize(ConsentKind.values().length);
        assertThat(p.consent(ConsentKind.PHARMACEUTICAL).orElseThrow().expiry()).isEqualTo("20261205093001");
        assertThat(p.consent(ConsentKind.OPERATION).orElseThrow().flag()).isEqualTo(Consent.NOT_OBTAINED);
        assertThat(p.consent(ConsentKind.LIMIT_APPLICATION).orElseThrow().consentTime())
                .isEqualTo("20261204093001");
        assertThat(q.referenceNumber().orElseThrow().value()).isEqualTo("K-0001");

        assertThat(QualificationXml.parseResult(QualificationXml.write(message)))
                .isEqualTo(message);
        ConfirmationOutcome outcome = QualificationXml.outcomeOf(bytes);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Confirmed.class,
                        c -> assertThat(c.received().orElseThrow().bytes()).isEqualTo(bytes));
    }

    @Test
    void theResultFilePassesThroughUnchangedOrOnlyConverted() throws Exception {
        byte[] bytes = fixture("face-result.xml");
        assertThat(ResultBytes.in(bytes, CharacterCode.UTF_8)).isEqualTo(bytes);
        byte[] sjis = ResultBytes.in(bytes, CharacterCode.SHIFT_JIS);
        String text = new String(sjis, Charset.forName("Shift_JIS"));
        assertThat(text)
                .startsWith("<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>")
                .contains("<CharacterCodeIdentifier>1</CharacterCodeIdentifier>")
                .contains("<FutureElementNotModelled>kept as sent</FutureElementNotModelled>");
        assertThat(QualificationXml.parseResult(sjis))
                .isEqualTo(QualificationXml.parseResult(bytes).withCharacterCode(CharacterCode.SHIFT_JIS));
        assertThat(ResultBytes.in(sjis, CharacterCode.UTF_8)).isEqualTo(bytes);
    }

    @Test
    void theSingleLookupRequestFixtureIsReadAndProducedAgain() throws Exception {
        QualificationXml.SearchRequest parsed = QualificationXml.parseSearch(fixture("single-lookup-request.xml"));
        InsuranceSearch search = parsed.search();
        assertThat(search.card().insurer().value()).isEqualTo("01130012");
        assertThat(search.card().number()).isEqualTo("1024");
        assertThat(search.limitConsent()).isTrue();
        assertThat(search.arbitraryIdentifier()).isEqualTo("patient-17");
        assertThat(parsed.arbitraryFileIdentifier()).isEqualTo("siquc-0001");
        byte[] produced = QualificationXml.writeSearch(
                search, parsed.medicalInstitutionCode(), parsed.arbitraryFileIdentifier(), "20261204090000");
        assertThat(QualificationXml.parseSearch(produced)).isEqualTo(parsed);
    }

    @Test
    void theBatchRequestAndStatusFixturesAreReadAndProducedAgain() throws Exception {
        List<InsuranceSearch> searches = QualificationXml.parseBatchRequest(fixture("batch-request.xml"));
        assertThat(searches).extracting(InsuranceSearch::arbitraryIdentifier).containsExactly("booked-1", "booked-2");
        assertThat(QualificationXml.parseBatchRequest(
                        QualificationXml.writeBatchRequest(searches, "1311234567", "20261204080000")))
                .isEqualTo(searches);

        BatchStatus status = QualificationXml.parseBatchStatus(fixture("batch-status-processing.xml"));
        assertThat(status).isEqualTo(new BatchStatus.Processing("R2026120400001", 1, 2));
        assertThat(QualificationXml.parseBatchStatus(
                        QualificationXml.writeBatchStatus("R2026120400001", "20261204080100", 1, 2, searches, null)))
                .isEqualTo(status);
    }

    @Test
    void theReferenceNumberBatchFixtureIsReadAndProducedAgain() throws Exception {
        List<ReferenceRegistration> registrations =
                ServiceXml.parseReferenceRequest(fixture("reference-batch-request.xml"));
        assertThat(registrations).extracting(r -> r.referenceNumber().value()).containsExactly("K-0001", "K-0002");
        assertThat(registrations.get(1).card().insurer().value()).isEqualTo("131045");
        assertThat(ServiceXml.parseReferenceRequest(
                        ServiceXml.writeReferenceRequest(registrations, "1311234567", "20261204070000")))
                .isEqualTo(registrations);
    }

    @Test
    void theDrugRequestFixtureAsAClinicProgramWritesItIsReadAndProducedAgain() throws Exception {
        MedicalXml.Request request = MedicalXml.parseRequest(fixture("yzk-drug-request.xml"), MedicalCategory.DRUG);
        assertThat(request.fileCategory()).isEqualTo("02");
        assertThat(request.query().card().number()).isEqualTo("1024");
        assertThat(request.query().from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(request.query().arbitraryFileIdentifier()).isEqualTo("yzk-0001");
        byte[] produced = MedicalXml.writeRequest(
                request.query(), request.medicalInstitutionCode(), request.fileCategory(), CharacterCode.SHIFT_JIS);
        assertThat(MedicalXml.parseRequest(produced, MedicalCategory.DRUG)).isEqualTo(request);
    }

    @Test
    void theDrugAndCareRequestWithMonthsAsAClinicProgramWritesItAsksForWholeMonthsAndTheActsOfCare() throws Exception {
        MedicalXml.Request request =
                MedicalXml.parseRequest(fixture("yzk-drug-care-request.xml"), MedicalCategory.DRUG);
        assertThat(request.fileCategory()).isEqualTo("4");
        assertThat(request.query().withTreatments()).isTrue();
        assertThat(request.query().from()).isEqualTo(LocalDate.of(2023, 12, 1));
        assertThat(request.query().to()).isEqualTo(LocalDate.of(2026, 12, 31));
        byte[] produced = MedicalXml.writeRequest(
                request.query(), request.medicalInstitutionCode(), request.fileCategory(), CharacterCode.SHIFT_JIS);
        assertThat(MedicalXml.parseRequest(produced, MedicalCategory.DRUG).query())
                .isEqualTo(request.query());
    }

    @Test
    void theDrugAndCareAnswerFixtureReadsThePatientTheDrugsAndTheActsAndIsProducedAgain() throws Exception {
        var served = (MedicalXml.Answer.Served) MedicalXml.parseAnswer(fixture("yzk-drug-care-answer.xml"));
        assertThat(served.patient())
                .isEqualTo(new MedicalPatient("受付　花子", "ｳｹﾂｹ ﾊﾅｺ", LocalDate.of(1980, 1, 2), Sex.FEMALE));
        var records = (MedicalRecords.Drugs) served.records();
        assertThat(records.drugs()).singleElement().satisfies(d -> {
            assertThat(d.facility()).isEqualTo("さくら薬局 本町店");
            assertThat(d.prescriber()).isEqualTo("本町内科クリニック");
            assertThat(d.days()).isEqualTo(28);
        });
        assertThat(records.treatments())
                .extracting(TreatmentAct::code, TreatmentAct::facility)
                .containsExactly(tuple("112007410", "本町内科クリニック"), tuple("120002910", "本町内科クリニック"));
        byte[] produced = MedicalXml.writeRecords(
                "20261204093000",
                "1311234567",
                "10241",
                records,
                served.consentExpiresAt(),
                served.patient(),
                CharacterCode.SHIFT_JIS);
        assertThat(MedicalXml.parseAnswer(produced)).isEqualTo(served);
    }

    @Test
    void theCheckupRequestFixtureTakesItsCategoryFromTheFileNameAndIsProducedAgain() throws Exception {
        MedicalXml.Request request =
                MedicalXml.parseRequest(fixture("tkk-checkup-request.xml"), MedicalCategory.CHECKUP);
        assertThat(request.query().category()).isEqualTo(MedicalCategory.CHECKUP);
        assertThat(request.query().scenario()).isEqualTo(ConsentScenario.HOME_VISIT);
        assertThat(request.query().from()).isNull();
        byte[] produced = MedicalXml.writeRequest(
                request.query(), request.medicalInstitutionCode(), request.fileCategory(), CharacterCode.SHIFT_JIS);
        assertThat(MedicalXml.parseRequest(produced, MedicalCategory.CHECKUP)).isEqualTo(request);
    }

    @Test
    void theCheckupAnswerFixtureReadsThePatientUnderItsOwnNamesAndIsProducedAgain() throws Exception {
        var served = (MedicalXml.Answer.Served) MedicalXml.parseAnswer(fixture("tkk-checkup-answer.xml"));
        assertThat(served.patient().nameKana()).isEqualTo("ｳｹﾂｹ ﾊﾅｺ");
        assertThat(served.patient().birthdate()).isEqualTo(LocalDate.of(1980, 1, 2));
        var checkup = ((MedicalRecords.Checkups) served.records()).checkups().getFirst();
        assertThat(checkup.value(CheckupItem.HBA1C)).contains(new BigDecimal("6.4"));
        byte[] produced = MedicalXml.writeRecords(
                "20261204093000", "1311234567", "10241", served.records(), null, served.patient(), CharacterCode.UTF_8);
        assertThat(MedicalXml.parseAnswer(produced)).isEqualTo(served);
    }
}
