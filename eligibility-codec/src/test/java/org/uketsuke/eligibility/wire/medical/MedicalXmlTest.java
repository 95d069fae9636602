package org.uketsuke.eligibility.wire.medical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.CheckupResult;
import org.uketsuke.eligibility.medical.Diagnosis;
import org.uketsuke.eligibility.medical.DispensedDrug;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalPatient;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.medical.Operation;
import org.uketsuke.eligibility.medical.TreatmentAct;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;

class MedicalXmlTest {

    private static final InsuranceCardId CARD = new InsuranceCardId(InsurerNumber.of("01130012"), "記号１", "00012", "01");
    private static final Instant EXPIRY = Instant.parse("2026-12-04T01:00:00Z");
    private static final MedicalPatient PATIENT =
            new MedicalPatient("受付　花子", "ｳｹﾂｹ ﾊﾅｺ", LocalDate.of(1980, 1, 2), Sex.FEMALE);

    private static final MedicalRecords.Drugs DRUGS = new MedicalRecords.Drugs(List.of(
            new DispensedDrug(
                    LocalDate.of(2026, 11, 20),
                    "610443047",
                    "アムロジピン錠５ｍｇ「サワイ」",
                    new BigDecimal("1"),
                    "錠",
                    "1日1回朝食後",
                    28,
                    "さくら薬局 本町店",
                    "本町内科クリニック"),
            new DispensedDrug(
                    LocalDate.of(2026, 11, 20),
                    "620004867",
                    "メトホルミン塩酸塩錠２５０ｍｇＭＴ「トーワ」",
                    new BigDecimal("4"),
                    "錠",
                    "1日2回朝夕食後",
                    28,
                    "さくら薬局 本町店",
                    "本町内科クリニック"),
            new DispensedDrug(
                    LocalDate.of(2026, 10, 2),
                    "620098801",
                    "ロキソプロフェンＮａ錠６０ｍｇ「サワイ」",
                    new BigDecimal("0.5"),
                    "錠",
                    "疼痛時",
                    10,
                    "みどり整形外科",
                    "みどり整形外科")));

    private static final MedicalRecords.Checkups CHECKUPS = new MedicalRecords.Checkups(List.of(
            new CheckupResult(
                    LocalDate.of(2026, 6, 12),
                    "市民健診センター",
                    Map.of(
                            CheckupItem.HBA1C,
                            new BigDecimal("6.4"),
                            CheckupItem.SYSTOLIC_BP,
                            new BigDecimal("138"),
                            CheckupItem.BMI,
                            new BigDecimal("25.3"))),
            new CheckupResult(
                    LocalDate.of(2025, 6, 10), "市民健診センター", Map.of(CheckupItem.HBA1C, new BigDecimal("6.1")))));

    private static final MedicalRecords.Diagnoses DIAGNOSES =
            new MedicalRecords.Diagnoses(List.of(new Diagnosis(LocalDate.of(2024, 4, 1), "２型糖尿病", "E11", "本町内科クリニック")));

    private static final MedicalRecords.Operations OPERATIONS = new MedicalRecords.Operations(
            List.of(new Operation(LocalDate.of(2022, 9, 14), "腹腔鏡下胆嚢摘出術", "K672-2", "市立総合病院")));

    @ParameterizedTest
    @EnumSource(CharacterCode.class)
    void everyCategoryRoundTripsInBothCharacterCodes(CharacterCode code) throws Exception {
        for (MedicalRecords records : List.of(DRUGS, CHECKUPS, DIAGNOSES, OPERATIONS)) {
            byte[] xml = MedicalXml.writeRecords("20261203100000", "1311234567", "f-1", records, EXPIRY, PATIENT, code);
            assertThat(MedicalXml.parseAnswer(xml)).isEqualTo(new MedicalXml.Answer.Served(records, EXPIRY, PATIENT));
        }
    }

    @Test
    void drugsAreGroupedByMonthAndFacilityAsTheOfficialResultIs() throws Exception {
        String xml = new String(
                MedicalXml.writeRecords(
                        "20261203100000", "1311234567", "f-1", DRUGS, EXPIRY, null, CharacterCode.UTF_8),
                StandardCharsets.UTF_8);
        assertThat(xml)
                .contains(
                        "<MeTrMonth>202611</MeTrMonth>",
                        "<MeTrDiHNm>さくら薬局 本町店</MeTrDiHNm>",
                        "<InOut>2</InOut>",
                        "<InOut>1</InOut>",
                        "<Qua1>0.5</Qua1>",
                        "<ResultCode>1</ResultCode>");
        assertThat(xml.split("<MeTrMonthInf>", -1)).hasSize(3);
        assertThat(xml.split("<DrugInf>", -1)).hasSize(4);
    }

    @Test
    void refusalsCarryTheirReasonTheConsentFlagAndTheExpiry() throws Exception {
        byte[] xml = MedicalXml.writeRefusal(
                "20261203100000",
                "1311234567",
                "f-2",
                MedicalCategory.CHECKUP,
                MedicalXml.Refusal.CONSENT_EXPIRED,
                Consent.EXPIRED,
                EXPIRY,
                "同意の有効期限が切れています。",
                CharacterCode.SHIFT_JIS);

        assertThat(new String(xml, CharacterCode.SHIFT_JIS.charset()))
                .contains(
                        "<SpecificHealthCheckupsInfoConsFlg>2</SpecificHealthCheckupsInfoConsFlg>",
                        "<ResultCode>2</ResultCode>");
        assertThat(MedicalXml.parseAnswer(xml))
                .isEqualTo(new MedicalXml.Answer.Refused(
                        MedicalCategory.CHECKUP,
                        MedicalXml.Refusal.CONSENT_EXPIRED,
                        Consent.EXPIRED,
                        EXPIRY,
                        "同意の有効期限が切れています。"));
    }

    @Test
    void theRequestRoundTripsAndAFolderRequestWithoutACategoryTakesTheOneItsFileNameSays() throws Exception {
        MedicalQuery query = new MedicalQuery(
                CARD,
                MedicalCategory.DRUG,
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2026, 12, 3),
                ConsentScenario.HOME_VISIT,
                "pt-42");
        byte[] xml = MedicalXml.writeRequest(query, "1311234567", "2", CharacterCode.SHIFT_JIS);
        MedicalXml.Request back = MedicalXml.parseRequest(xml, null);
        assertThat(back.query()).isEqualTo(query);
        assertThat(back.medicalInstitutionCode()).isEqualTo("1311234567");
        assertThat(back.fileCategory()).isEqualTo("2");

        String folder = folderRequest("<FileCategory>2</FileCategory>");
        MedicalXml.Request tkk =
                MedicalXml.parseRequest(folder.getBytes(StandardCharsets.UTF_8), MedicalCategory.CHECKUP);
        assertThat(tkk.query())
                .isEqualTo(
                        new MedicalQuery(CARD, MedicalCategory.CHECKUP, null, null, ConsentScenario.OUTPATIENT, "421"));
        assertThatThrownBy(() -> MedicalXml.parseRequest(folder.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("InformationCategory");
    }

    /** A request file as a clinic program writes it: no InformationCategory, the body's selection as given. */
    private static String folderRequest(String selection) {
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="no"?>
                <XmlMsg><MessageHeader><MedicalInstitutionCode>1311234567</MedicalInstitutionCode>
                <InsurerNumber>01130012</InsurerNumber><InsuranceCardSymbol>記号１</InsuranceCardSymbol>
                <InsuredPersonIdentificationNumber>00012</InsuredPersonIdentificationNumber><BranchNumber>01</BranchNumber>
                <ArbitraryFileIdentifier>421</ArbitraryFileIdentifier></MessageHeader><MessageBody>"""
                + selection
                + "<PrDiInfClassification>1</PrDiInfClassification><MedicalTreatmentFlag>1</MedicalTreatmentFlag>"
                + "</MessageBody></XmlMsg>";
    }

    private static String at(byte[] xml, String path) throws Exception {
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return XPathFactory.newInstance().newXPath().evaluate(path, document);
    }

    @Test
    void aServedAnswerNamesItsPatientWhereAPublicConsumerLooksForIt() throws Exception {
        byte[] drugs = MedicalXml.writeRecords(
                "20261203100000", "1311234567", "f-1", DRUGS, EXPIRY, PATIENT, CharacterCode.SHIFT_JIS);
        assertThat(at(drugs, "/XmlMsg/MessageHeader/QuaInf/Name")).isEqualTo("受付　花子");
        assertThat(at(drugs, "/XmlMsg/MessageHeader/QuaInf/KanaName")).isEqualTo("ｳｹﾂｹ ﾊﾅｺ");
        assertThat(at(drugs, "/XmlMsg/MessageHeader/QuaInf/Birth")).isEqualTo("19800102");
        assertThat(at(drugs, "/XmlMsg/MessageHeader/QuaInf/AdmGendCode")).isEqualTo("2");

        byte[] checkups = MedicalXml.writeRecords(
                "20261203100000", "1311234567", "f-1", CHECKUPS, EXPIRY, PATIENT, CharacterCode.UTF_8);
        assertThat(at(checkups, "/XmlMsg/MessageHeader/QualificationsInfo/Name"))
                .isEqualTo("受付　花子");
        assertThat(at(checkups, "/XmlMsg/MessageHeader/QualificationsInfo/KanasName"))
                .isEqualTo("ｳｹﾂｹ ﾊﾅｺ");
        assertThat(at(checkups, "/XmlMsg/MessageHeader/QualificationsInfo/Birthday"))
                .isEqualTo("19800102");
        assertThat(at(checkups, "/XmlMsg/MessageHeader/QualificationsInfo/AdministrativeGenderCode"))
                .isEqualTo("2");

        byte[] without = MedicalXml.writeRecords(
                "20261203100000", "1311234567", "f-1", DRUGS, EXPIRY, null, CharacterCode.UTF_8);
        assertThat(((MedicalXml.Answer.Served) MedicalXml.parseAnswer(without)).patient())
                .isNull();
        String badSex =
                new String(drugs, CharacterCode.SHIFT_JIS.charset()).replace("<AdmGendCode>2<", "<AdmGendCode>8<");
        assertThatThrownBy(() -> MedicalXml.parseAnswer(badSex.getBytes(CharacterCode.SHIFT_JIS.charset())))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void drugsWithTheActsOfCareCarryEachDaysActsInMeTrInfs() throws Exception {
        List<TreatmentAct> acts = List.of(
                new TreatmentAct(LocalDate.of(2026, 11, 20), "再診料", "112007410", BigDecimal.ONE, 1, "", "本町内科クリニック"),
                new TreatmentAct(
                        LocalDate.of(2026, 11, 20), "処方箋料（その他）", "120002910", BigDecimal.ONE, 1, "", "本町内科クリニック"),
                new TreatmentAct(LocalDate.of(2026, 10, 2), "初診料", "111000110", BigDecimal.ONE, 1, "", "みどり整形外科"));
        MedicalRecords.Drugs records = new MedicalRecords.Drugs(DRUGS.drugs(), acts);
        byte[] xml = MedicalXml.writeRecords(
                "20261203100000", "1311234567", "f-1", records, EXPIRY, PATIENT, CharacterCode.UTF_8);

        assertThat(MedicalXml.parseAnswer(xml)).isEqualTo(new MedicalXml.Answer.Served(records, EXPIRY, PATIENT));
        // The clinic's own claim holds its acts; the 院内 clinic's day holds its drug and its act together.
        assertThat(at(xml, "count(//MeTrMonthInf[MeTrDiHNm='本町内科クリニック']//MeTrInf)"))
                .isEqualTo("2");
        assertThat(
                        at(
                                xml,
                                "count(//MeTrMonthInf[MeTrDiHNm='みどり整形外科']/DiDateInfs/DiDateInf/*[self::DrugInfs or self::MeTrInfs])"))
                .isEqualTo("2");
        assertThat(at(xml, "//MeTrInf[SinInfCd='112007410']/SinInfN")).isEqualTo("再診料");
        assertThat(records.size()).isEqualTo(6);
    }

    @Test
    void aClinicProgramsMonthRangeCoversWholeMonthsAndFileCategory04AsksForTheActsOfCare() throws Exception {
        String folder =
                folderRequest("<StartDate>202402</StartDate><EndDate>202611</EndDate><FileCategory>4</FileCategory>");
        MedicalXml.Request yzk = MedicalXml.parseRequest(folder.getBytes(StandardCharsets.UTF_8), MedicalCategory.DRUG);
        assertThat(yzk.query().from()).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(yzk.query().to()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(yzk.query().withTreatments()).isTrue();

        byte[] written = MedicalXml.writeRequest(yzk.query(), "1311234567", "2", CharacterCode.UTF_8);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("<FileCategory>04</FileCategory>");
        assertThat(MedicalXml.parseRequest(written, null).query()).isEqualTo(yzk.query());

        assertThatThrownBy(
                        () -> MedicalXml.parseRequest(folder.getBytes(StandardCharsets.UTF_8), MedicalCategory.CHECKUP))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("drugs only");
        String badMonth = folder.replace("202402", "202413");
        assertThatThrownBy(
                        () -> MedicalXml.parseRequest(badMonth.getBytes(StandardCharsets.UTF_8), MedicalCategory.DRUG))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("month");
    }

    @Test
    void aDtdOrAnExternalEntityIsRefused() {
        String xxe = """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <XmlMsg><MessageHeader><ResultCode>1</ResultCode><InformationCategory>DRUG</InformationCategory>
                </MessageHeader><MessageBody><MeTrMonthInf><MeTrDiHNm>&e;</MeTrDiHNm></MeTrMonthInf></MessageBody></XmlMsg>""";
        assertThatThrownBy(() -> MedicalXml.parseAnswer(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("DTD");
        assertThatThrownBy(() -> MedicalXml.parseRequest(xxe.getBytes(StandardCharsets.UTF_8), MedicalCategory.DRUG))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void badValuesAreTypedErrorsNotCrashes() {
        String badQuantity = """
                <XmlMsg><MessageHeader><ResultCode>1</ResultCode><InformationCategory>DRUG</InformationCategory>
                </MessageHeader><MessageBody><MeTrMonthInf><DiDateInfs><DiDateInf><DiDate>20261120</DiDate><DrugInfs>
                <DrugInf><DrugN>x</DrugN><Qua1>1e9999</Qua1></DrugInf></DrugInfs></DiDateInf></DiDateInfs></MeTrMonthInf>
                </MessageBody></XmlMsg>""";
        assertThatThrownBy(() -> MedicalXml.parseAnswer(badQuantity.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("number");
        String badDate = badQuantity.replace("20261120", "20261332").replace("1e9999", "1");
        assertThatThrownBy(() -> MedicalXml.parseAnswer(badDate.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("date");
        String unknown = badQuantity.replace("<ResultCode>1", "<ResultCode>7");
        assertThatThrownBy(() -> MedicalXml.parseAnswer(unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("ResultCode");
        String limit = badQuantity.replace(">DRUG<", ">LIMIT_INFO<");
        assertThatThrownBy(() -> MedicalXml.parseAnswer(limit.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void theCardRequestCarriesThePrescriptionFormAndTheScenario() throws Exception {
        CardConfirmationRequest request = new CardConfirmationRequest(
                new byte[] {1},
                new byte[] {2},
                new byte[] {3},
                IdentityMethod.PIN,
                Consents.all(Consent.YES),
                "rx",
                null,
                PrescriptionForm.ELECTRONIC,
                ConsentScenario.ONLINE);
        byte[] xml = QualificationXml.writeCardRequest(request, "1311234567", "20261203100000");
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("<PrescriptionIssueSelect>1</PrescriptionIssueSelect>");
        CardConfirmationRequest back = QualificationXml.parseCardRequest(xml).request();
        assertThat(back.prescriptionForm()).isEqualTo(PrescriptionForm.ELECTRONIC);
        assertThat(back.scenario()).isEqualTo(ConsentScenario.ONLINE);

        CardConfirmationRequest notAsked = new CardConfirmationRequest(
                new byte[] {1}, new byte[] {2}, new byte[] {3}, IdentityMethod.PIN, Consents.none(), "rx");
        byte[] plain = QualificationXml.writeCardRequest(notAsked, "1311234567", "20261203100000");
        assertThat(new String(plain, StandardCharsets.UTF_8)).doesNotContain("PrescriptionIssueSelect");
        assertThat(QualificationXml.parseCardRequest(plain).request().prescriptionForm())
                .isNull();
        assertThat(QualificationXml.parseCardRequest(plain).request().scenario())
                .isEqualTo(ConsentScenario.OUTPATIENT);
        assertThat(notAsked.withPrescriptionForm(PrescriptionForm.PAPER).prescriptionForm())
                .isEqualTo(PrescriptionForm.PAPER);
        byte[] wrong = new String(xml, StandardCharsets.UTF_8)
                .replace("<PrescriptionIssueSelect>1", "<PrescriptionIssueSelect>9")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> QualificationXml.parseCardRequest(wrong))
                .isInstanceOf(MalformedMessageException.class);
    }
}
