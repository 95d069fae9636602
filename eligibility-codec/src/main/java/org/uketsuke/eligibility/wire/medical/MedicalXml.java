package org.uketsuke.eligibility.wire.medical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.InvalidValueException;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.CheckupResult;
import org.uketsuke.eligibility.medical.Diagnosis;
import org.uketsuke.eligibility.medical.DispensedDrug;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPatient;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.medical.Operation;
import org.uketsuke.eligibility.medical.TreatmentAct;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The wire codec of medical information (薬剤・特定健診・診療・手術情報), parsed with {@link SafeXml} (no DTD, no
 * external entities).
 *
 * <p><b>Request</b> — the shape the official 連携アプリ reads from {@code YZKsiquc01req_…}/{@code TKKsiquc01req_…}
 * files (as public consumers write them): header {@code MedicalInstitutionCode}, {@code InsurerNumber},
 * {@code InsuranceCardSymbol}, {@code InsuredPersonIdentificationNumber}, {@code BranchNumber},
 * {@code ArbitraryFileIdentifier}; body {@code StartDate}/{@code EndDate} (YYYYMMDD, drug requests),
 * {@code FileCategory} (01 PDF, 02 XML; for drugs 03/04 the same with the acts of care), {@code PrDiInfClassification},
 * {@code MedicalTreatmentFlag} (OQSCD028). The dates may be months ({@code yyyyMM}, as a public consumer writes them:
 * the whole month). Uketsuke adds {@code InformationCategory} (DRUG, CHECKUP, TREATMENT, OPERATION) so one request
 * names one category.
 *
 * <p><b>Result</b> — header {@code ProcessExecutionTime}, {@code MedicalInstitutionCode},
 * {@code ArbitraryFileIdentifier}, {@code ResultCode} (1 served, 2 not), {@code InformationCategory} and, when
 * served, Uketsuke's {@code ConsentExpirationTime}; when not served {@code MessageContents} (the text the official
 * files carry) and Uketsuke's {@code RefusalReason} (NO_CONSENT, CONSENT_EXPIRED, NOT_FOUND) with the consent flag.
 * A served answer names its patient in the header as public consumers read it: {@code QuaInf} (Name, KanaName, Birth,
 * AdmGendCode) for drugs, {@code QualificationsInfo} (Name, KanasName, Birthday, AdministrativeGenderCode) for
 * checkups (docs/spec-notes/results.md). Body as the official results, where public consumers show it: drugs as
 * {@code MeTrMonthInf} (MeTrMonth, MeTrDiHNm, PrlsHNm, InOut) → {@code DiDateInfs/DiDateInf} (DiDate) →
 * {@code DrugInfs/DrugInf} (DrugC, DrugN, Qua1, Unit, UsageN, Times) and, with FileCategory 03/04,
 * {@code MeTrInfs/MeTrInf} (SinInfN, SinInfCd, Qua1, Times, Unit); checkups as {@code SpecificHealthCheckupInfo} (EffectiveTime) →
 * {@code HealthCheckupResultAndQuestionInfos/HealthCheckupResultAndQuestionInfo} (ItemCode, ItemName, DataType,
 * DataValue, Unit). Diagnoses ({@code DiagnosisInfs/DiagnosisInf}: DiagnosisDate, DiseaseName, DiseaseCode,
 * FacilityName) and operations ({@code OperationInfs/OperationInf}: OperationDate, SinInfN, SinInfCd, FacilityName)
 * are Uketsuke's shapes; the official ones are not public here.
 */
public final class MedicalXml {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuuMM", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private MedicalXml() {}

    /** Why the system did not serve the data. */
    public enum Refusal {
        NO_CONSENT,
        CONSENT_EXPIRED,
        NOT_FOUND
    }

    /** A parsed request with its header fields. */
    public record Request(MedicalQuery query, String medicalInstitutionCode, String fileCategory) {}

    /** A parsed answer: records, or the refusal with the consent flag as the system holds it. */
    public sealed interface Answer {
        /** {@code patient} is null when the answer has no patient header. */
        record Served(MedicalRecords records, Instant consentExpiresAt, MedicalPatient patient) implements Answer {

            /** As the client port's outcome. */
            public MedicalOutcome<MedicalRecords> outcome() {
                return new MedicalOutcome.Found<>(records, consentExpiresAt, patient);
            }
        }

        record Refused(MedicalCategory category, Refusal reason, Consent consent, Instant expiredAt, String message)
                implements Answer {

            /** The refusal as the client port's outcome (the consent flag NO when the answer named none). */
            public <T> MedicalOutcome<T> outcome() {
                return switch (reason) {
                    case NO_CONSENT -> new MedicalOutcome.NoConsent<>(category, consent == null ? Consent.NO : consent);
                    case CONSENT_EXPIRED -> new MedicalOutcome.ConsentExpired<>(category, expiredAt);
                    case NOT_FOUND -> new MedicalOutcome.NotFound<>(message);
                };
            }
        }
    }

    // ---- request ---------------------------------------------------------------------------------------------------

    public static byte[] writeRequest(MedicalQuery query, String institution, String fileCategory, CharacterCode code) {
        Document document = SafeXml.newDocument();
        Element root = SafeXml.child(document, "XmlMsg");
        Element header = SafeXml.child(root, "MessageHeader");
        SafeXml.leaf(header, "MedicalInstitutionCode", institution);
        SafeXml.leaf(header, "InsurerNumber", query.card().insurer().value());
        SafeXml.leaf(header, "InsuranceCardSymbol", query.card().symbol());
        SafeXml.leaf(header, "InsuredPersonIdentificationNumber", query.card().number());
        SafeXml.leaf(header, "BranchNumber", query.card().branch());
        SafeXml.leaf(header, "ArbitraryFileIdentifier", query.arbitraryFileIdentifier());
        SafeXml.leaf(header, "CharacterCodeIdentifier", code.identifier());
        Element body = SafeXml.child(root, "MessageBody");
        if (query.from() != null) {
            SafeXml.leaf(body, "StartDate", DATE.format(query.from()));
        }
        if (query.to() != null) {
            SafeXml.leaf(body, "EndDate", DATE.format(query.to()));
        }
        SafeXml.leaf(body, "FileCategory", query.withTreatments() ? withTreatments(fileCategory) : fileCategory);
        SafeXml.leaf(body, "PrDiInfClassification", "1");
        SafeXml.leaf(body, "MedicalTreatmentFlag", query.scenario().code());
        SafeXml.leaf(body, "InformationCategory", query.category().name());
        return SafeXml.write(document, code.charset());
    }

    /** The FileCategory that asks for the acts of care too: 01 PDF → 03, 02 XML → 04. */
    private static String withTreatments(String fileCategory) {
        return switch (fileCategory) {
            case "1", "01" -> "03";
            case "2", "02" -> "04";
            default -> fileCategory;
        };
    }

    /**
     * @param defaultCategory the category when the request does not name one (a 連携アプリ file names it by its
     *     {@code YZK}/{@code TKK} prefix instead)
     */
    public static Request parseRequest(byte[] xml, MedicalCategory defaultCategory) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        try {
            MedicalCategory category = SafeXml.text(document, "InformationCategory")
                    .map(MedicalCategory::valueOf)
                    .orElse(defaultCategory);
            if (category == null) {
                throw new MalformedMessageException("missing InformationCategory");
            }
            InsuranceCardId card = new InsuranceCardId(
                    InsurerNumber.of(SafeXml.required(document, "InsurerNumber")),
                    SafeXml.text(document, "InsuranceCardSymbol").orElse(""),
                    SafeXml.required(document, "InsuredPersonIdentificationNumber"),
                    SafeXml.text(document, "BranchNumber").orElse(""));
            LocalDate from = optionalDay(document, "StartDate", false);
            LocalDate to = optionalDay(document, "EndDate", true);
            String fileCategory = SafeXml.text(document, "FileCategory").orElse("");
            ConsentScenario scenario = SafeXml.text(document, "MedicalTreatmentFlag")
                    .map(ConsentScenario::ofCode)
                    .orElse(ConsentScenario.OUTPATIENT);
            MedicalQuery query = new MedicalQuery(
                    card,
                    category,
                    from,
                    to,
                    scenario,
                    SafeXml.text(document, "ArbitraryFileIdentifier").orElse(""),
                    fileCategory.matches("0?[34]"));
            return new Request(
                    query, SafeXml.text(document, "MedicalInstitutionCode").orElse(""), fileCategory);
        } catch (IllegalArgumentException e) {
            // InvalidValueException, an unknown category or scenario, a reversed date range
            throw new MalformedMessageException("invalid medical-information request: " + e.getMessage(), e);
        }
    }

    // ---- answers ---------------------------------------------------------------------------------------------------

    /**
     * The served answer in the request's character code, echoing its {@code ArbitraryFileIdentifier}.
     *
     * @param patient the person the records are about, named in the header; null writes no patient block
     */
    public static byte[] writeRecords(
            String time,
            String institution,
            String fileId,
            MedicalRecords records,
            Instant consentExpiresAt,
            MedicalPatient patient,
            CharacterCode code) {
        Document document = SafeXml.newDocument();
        Element body = answerFrame(document, time, institution, fileId, "1", records.category(), code);
        Element header = (Element) body.getPreviousSibling();
        if (consentExpiresAt != null) {
            SafeXml.leaf(header, "ConsentExpirationTime", TIME.format(consentExpiresAt.atZone(JAPAN)));
        }
        if (patient != null) {
            writePatient(header, PatientTags.of(records.category()), patient);
        }
        switch (records) {
            case MedicalRecords.Drugs d -> writeDrugs(body, d.drugs(), d.treatments());
            case MedicalRecords.Checkups c -> writeCheckups(body, c.checkups());
            case MedicalRecords.Diagnoses d ->
                writeDated(
                        body,
                        DIAGNOSES,
                        d.diagnoses().stream()
                                .map(x -> new Dated(x.date(), x.name(), x.code(), x.facility()))
                                .toList());
            case MedicalRecords.Operations o ->
                writeDated(
                        body,
                        OPERATIONS,
                        o.operations().stream()
                                .map(x -> new Dated(x.date(), x.name(), x.code(), x.facility()))
                                .toList());
        }
        return SafeXml.write(document, code.charset());
    }

    /** A refusal: {@code ResultCode} 2 with the official-style {@code MessageContents} and Uketsuke's reason. */
    public static byte[] writeRefusal(
            String time,
            String institution,
            String fileId,
            MedicalCategory category,
            Refusal reason,
            Consent consent,
            Instant expiredAt,
            String message,
            CharacterCode code) {
        Document document = SafeXml.newDocument();
        Element body = answerFrame(document, time, institution, fileId, "2", category, code);
        Element header = (Element) body.getPreviousSibling();
        SafeXml.leaf(header, "RefusalReason", reason.name());
        if (consent != null) {
            SafeXml.leaf(header, category.consentFlag(), consent.code());
        }
        if (expiredAt != null) {
            SafeXml.leaf(header, "ConsentExpirationTime", TIME.format(expiredAt.atZone(JAPAN)));
        }
        SafeXml.leaf(header, "MessageContents", message);
        return SafeXml.write(document, code.charset());
    }

    public static Answer parseAnswer(byte[] xml) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        String resultCode = SafeXml.required(document, "ResultCode");
        MedicalCategory category;
        try {
            category = MedicalCategory.valueOf(SafeXml.required(document, "InformationCategory"));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("unknown InformationCategory", e);
        }
        Instant expiry = optionalTime(document, "ConsentExpirationTime");
        if (!resultCode.equals("1")) {
            if (!resultCode.equals("2")) {
                throw new MalformedMessageException("unknown ResultCode " + resultCode);
            }
            Refusal reason;
            try {
                reason = Refusal.valueOf(SafeXml.required(document, "RefusalReason"));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("unknown RefusalReason", e);
            }
            Consent consent;
            try {
                consent = SafeXml.text(document, category.consentFlag())
                        .map(Consent::ofCode)
                        .orElse(null);
            } catch (InvalidValueException e) {
                throw new MalformedMessageException(e.getMessage(), e);
            }
            return new Answer.Refused(
                    category,
                    reason,
                    consent,
                    expiry,
                    SafeXml.text(document, "MessageContents").orElse(""));
        }
        Element body = SafeXml.find(document, "MessageBody")
                .orElseThrow(() -> new MalformedMessageException("missing MessageBody"));
        try {
            MedicalPatient patient = readPatient(document, category);
            MedicalRecords records = switch (category) {
                case DRUG -> new MedicalRecords.Drugs(readDrugs(body), readTreatments(body));
                case CHECKUP -> new MedicalRecords.Checkups(readCheckups(body));
                case TREATMENT ->
                    new MedicalRecords.Diagnoses(readDated(body, DIAGNOSES).stream()
                            .map(e -> new Diagnosis(e.date(), e.name(), e.code(), e.facility()))
                            .toList());
                case OPERATION ->
                    new MedicalRecords.Operations(readDated(body, OPERATIONS).stream()
                            .map(e -> new Operation(e.date(), e.name(), e.code(), e.facility()))
                            .toList());
                default -> throw new MalformedMessageException(category + " is not served on its own");
            };
            return new Answer.Served(records, expiry, patient);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid medical record: " + e.getMessage(), e);
        }
    }

    // ---- drugs -----------------------------------------------------------------------------------------------------

    /** The drugs and acts of care of one day of one claim. */
    private record Day(List<DispensedDrug> drugs, List<TreatmentAct> acts) {
        Day() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * Grouped as the official result: by month and claiming facility (the pharmacy with its prescriber for drugs, the
     * clinic for its acts of care), then by date.
     */
    private static void writeDrugs(Element body, List<DispensedDrug> drugs, List<TreatmentAct> acts) {
        Map<String, Map<LocalDate, Day>> months = new LinkedHashMap<>();
        for (DispensedDrug d : drugs) {
            day(months, d.dispensed(), d.facility(), d.prescriber()).drugs().add(d);
        }
        for (TreatmentAct a : acts) {
            day(months, a.date(), a.facility(), a.facility()).acts().add(a);
        }
        for (var month : months.entrySet()) {
            String[] parts = month.getKey().split("\u0000", -1);
            Element m = SafeXml.child(body, "MeTrMonthInf");
            SafeXml.leaf(m, "MeTrMonth", parts[0]);
            SafeXml.leaf(m, "MeTrDiHNm", parts[1]);
            SafeXml.leaf(m, "PrlsHNm", parts[2]);
            SafeXml.leaf(m, "InOut", parts[1].equals(parts[2]) ? "1" : "2");
            Element dates = SafeXml.child(m, "DiDateInfs");
            for (var day : month.getValue().entrySet()) {
                Element d = SafeXml.child(dates, "DiDateInf");
                SafeXml.leaf(d, "DiDate", DATE.format(day.getKey()));
                if (!day.getValue().drugs().isEmpty()) {
                    Element list = SafeXml.child(d, "DrugInfs");
                    for (DispensedDrug drug : day.getValue().drugs()) {
                        Element e = SafeXml.child(list, "DrugInf");
                        SafeXml.leaf(e, "DrugC", drug.drugCode());
                        SafeXml.leaf(e, "DrugN", drug.drugName());
                        SafeXml.leaf(e, "Qua1", drug.quantity().toPlainString());
                        SafeXml.leaf(e, "Unit", drug.unit());
                        SafeXml.leaf(e, "UsageN", drug.usage());
                        SafeXml.leaf(e, "Times", Integer.toString(drug.days()));
                    }
                }
                if (!day.getValue().acts().isEmpty()) {
                    Element list = SafeXml.child(d, "MeTrInfs");
                    for (TreatmentAct act : day.getValue().acts()) {
                        Element e = SafeXml.child(list, "MeTrInf");
                        SafeXml.leaf(e, "SinInfN", act.name());
                        SafeXml.leaf(e, "SinInfCd", act.code());
                        SafeXml.leaf(e, "Qua1", act.quantity().toPlainString());
                        SafeXml.leaf(e, "Times", Integer.toString(act.times()));
                        SafeXml.leaf(e, "Unit", act.unit());
                    }
                }
            }
        }
    }

    private static Day day(
            Map<String, Map<LocalDate, Day>> months, LocalDate date, String facility, String prescriber) {
        String key = MONTH.format(date) + "\u0000" + facility + "\u0000" + prescriber;
        return months.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(date, k -> new Day());
    }

    private static List<DispensedDrug> readDrugs(Element body) throws MalformedMessageException {
        List<DispensedDrug> drugs = new ArrayList<>();
        for (Element month : elements(body, "MeTrMonthInf")) {
            String facility = SafeXml.text(month, "MeTrDiHNm").orElse("");
            String prescriber = SafeXml.text(month, "PrlsHNm").orElse(facility);
            for (Element day : elements(month, "DiDateInf")) {
                LocalDate date = date(SafeXml.required(day, "DiDate"));
                for (Element e : elements(day, "DrugInf")) {
                    drugs.add(new DispensedDrug(
                            date,
                            SafeXml.text(e, "DrugC").orElse(""),
                            SafeXml.required(e, "DrugN"),
                            decimal(SafeXml.required(e, "Qua1")),
                            SafeXml.text(e, "Unit").orElse(""),
                            SafeXml.text(e, "UsageN").orElse(""),
                            count(SafeXml.text(e, "Times").orElse("0")),
                            facility,
                            prescriber));
                }
            }
        }
        return drugs;
    }

    private static List<TreatmentAct> readTreatments(Element body) throws MalformedMessageException {
        List<TreatmentAct> acts = new ArrayList<>();
        for (Element month : elements(body, "MeTrMonthInf")) {
            String facility = SafeXml.text(month, "MeTrDiHNm").orElse("");
            for (Element day : elements(month, "DiDateInf")) {
                LocalDate date = date(SafeXml.required(day, "DiDate"));
                for (Element e : elements(day, "MeTrInf")) {
                    acts.add(new TreatmentAct(
                            date,
                            SafeXml.required(e, "SinInfN"),
                            SafeXml.text(e, "SinInfCd").orElse(""),
                            decimal(SafeXml.text(e, "Qua1").orElse("1")),
                            count(SafeXml.text(e, "Times").orElse("1")),
                            SafeXml.text(e, "Unit").orElse(""),
                            facility));
                }
            }
        }
        // Newest first, as the records are kept; the wire groups them by claim.
        acts.sort(Comparator.comparing(TreatmentAct::date).reversed());
        return acts;
    }

    // ---- the patient header ----------------------------------------------------------------------------------------

    /** The header block naming the patient, and its elements: the drug and the checkup answers name them apart. */
    private record PatientTags(String block, String name, String kana, String birth, String sex) {

        static final PatientTags DRUG = new PatientTags("QuaInf", "Name", "KanaName", "Birth", "AdmGendCode");
        static final PatientTags CHECKUP =
                new PatientTags("QualificationsInfo", "Name", "KanasName", "Birthday", "AdministrativeGenderCode");

        /** Diagnoses and operations (Uketsuke's own answers) take the drug answer's block. */
        static PatientTags of(MedicalCategory category) {
            return category == MedicalCategory.CHECKUP ? CHECKUP : DRUG;
        }
    }

    private static void writePatient(Element header, PatientTags tags, MedicalPatient patient) {
        Element block = SafeXml.child(header, tags.block());
        SafeXml.leaf(block, tags.name(), patient.name());
        SafeXml.leaf(block, tags.kana(), patient.nameKana());
        SafeXml.leaf(block, tags.birth(), DATE.format(patient.birthdate()));
        SafeXml.leaf(block, tags.sex(), patient.sex().code());
    }

    private static MedicalPatient readPatient(Document document, MedicalCategory category)
            throws MalformedMessageException {
        PatientTags tags = PatientTags.of(category);
        var block = SafeXml.find(document, tags.block());
        if (block.isEmpty()) {
            return null;
        }
        try {
            return new MedicalPatient(
                    SafeXml.required(block.get(), tags.name()),
                    SafeXml.text(block.get(), tags.kana()).orElse(""),
                    date(SafeXml.required(block.get(), tags.birth())),
                    Sex.ofCode(SafeXml.required(block.get(), tags.sex())));
        } catch (InvalidValueException e) {
            throw new MalformedMessageException(e.getMessage(), e);
        }
    }

    // ---- checkups --------------------------------------------------------------------------------------------------

    private static void writeCheckups(Element body, List<CheckupResult> checkups) {
        for (CheckupResult c : checkups) {
            Element info = SafeXml.child(body, "SpecificHealthCheckupInfo");
            SafeXml.leaf(info, "EffectiveTime", DATE.format(c.date()));
            SafeXml.leaf(info, "FacilityName", c.facility());
            Element items = SafeXml.child(info, "HealthCheckupResultAndQuestionInfos");
            for (var value : c.values().entrySet()) {
                Element e = SafeXml.child(items, "HealthCheckupResultAndQuestionInfo");
                SafeXml.leaf(e, "ItemCode", value.getKey().code());
                SafeXml.leaf(e, "ItemName", value.getKey().nameJa());
                SafeXml.leaf(e, "DataType", "PQ");
                SafeXml.leaf(e, "DataValue", value.getValue().toPlainString());
                SafeXml.leaf(e, "Unit", value.getKey().unit());
            }
        }
    }

    private static List<CheckupResult> readCheckups(Element body) throws MalformedMessageException {
        List<CheckupResult> checkups = new ArrayList<>();
        for (Element info : elements(body, "SpecificHealthCheckupInfo")) {
            Map<CheckupItem, BigDecimal> values = new EnumMap<>(CheckupItem.class);
            for (Element e : elements(info, "HealthCheckupResultAndQuestionInfo")) {
                var item = CheckupItem.ofCode(SafeXml.text(e, "ItemCode").orElse(""));
                var value = SafeXml.text(e, "DataValue");
                // Items we do not chart (questionnaire answers, urine tests) stay in the official file only.
                if (item.isPresent() && value.isPresent()) {
                    values.put(item.get(), decimal(value.get()));
                }
            }
            checkups.add(new CheckupResult(
                    date(SafeXml.required(info, "EffectiveTime")),
                    SafeXml.text(info, "FacilityName").orElse(""),
                    values));
        }
        return checkups;
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    private static Element answerFrame(
            Document document,
            String time,
            String institution,
            String fileId,
            String resultCode,
            MedicalCategory category,
            CharacterCode code) {
        Element root = SafeXml.child(document, "XmlMsg");
        Element header = SafeXml.child(root, "MessageHeader");
        SafeXml.leaf(header, "ProcessExecutionTime", time);
        SafeXml.leaf(header, "MedicalInstitutionCode", institution);
        SafeXml.leaf(header, "ArbitraryFileIdentifier", fileId);
        SafeXml.leaf(header, "ResultCode", resultCode);
        SafeXml.leaf(header, "InformationCategory", category.name());
        SafeXml.leaf(header, "CharacterCodeIdentifier", code.identifier());
        return SafeXml.child(root, "MessageBody");
    }

    /** Diagnoses and operations have one shape on the wire: a date, a name, an optional code and the facility. */
    private record Dated(LocalDate date, String name, String code, String facility) {}

    /** The element names of one dated kind: its list, each entry, and the entry's date, name and code. */
    private record DatedTags(String list, String entry, String date, String name, String code) {}

    private static final DatedTags DIAGNOSES =
            new DatedTags("DiagnosisInfs", "DiagnosisInf", "DiagnosisDate", "DiseaseName", "DiseaseCode");
    private static final DatedTags OPERATIONS =
            new DatedTags("OperationInfs", "OperationInf", "OperationDate", "SinInfN", "SinInfCd");

    private static void writeDated(Element body, DatedTags tags, List<Dated> entries) {
        Element list = SafeXml.child(body, tags.list());
        for (Dated x : entries) {
            Element e = SafeXml.child(list, tags.entry());
            SafeXml.leaf(e, tags.date(), DATE.format(x.date()));
            SafeXml.leaf(e, tags.name(), x.name());
            SafeXml.leaf(e, tags.code(), x.code());
            SafeXml.leaf(e, "FacilityName", x.facility());
        }
    }

    private static List<Dated> readDated(Element body, DatedTags tags) throws MalformedMessageException {
        List<Dated> entries = new ArrayList<>();
        for (Element e : elements(body, tags.entry())) {
            entries.add(new Dated(
                    date(SafeXml.required(e, tags.date())),
                    SafeXml.required(e, tags.name()),
                    SafeXml.text(e, tags.code()).orElse(""),
                    SafeXml.text(e, "FacilityName").orElse("")));
        }
        return entries;
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList list = parent.getElementsByTagName(name);
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static LocalDate date(String text) throws MalformedMessageException {
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("not a YYYYMMDD date: " + text, e);
        }
    }

    /** A YYYYMMDD date, or a YYYYMM month meaning its first day ({@code end} false) or its last day. */
    private static LocalDate optionalDay(Document document, String name, boolean end) throws MalformedMessageException {
        var text = SafeXml.text(document, name);
        if (text.isEmpty()) {
            return null;
        }
        if (text.get().length() != 6) {
            return date(text.get());
        }
        try {
            YearMonth month = YearMonth.parse(text.get(), MONTH);
            return end ? month.atEndOfMonth() : month.atDay(1);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("not a YYYYMM month: " + text.get(), e);
        }
    }

    private static Instant optionalTime(Document document, String name) throws MalformedMessageException {
        var text = SafeXml.text(document, name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.get(), TIME).atZone(JAPAN).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("not a YYYYMMDDhhmmss time: " + text.get(), e);
        }
    }

    private static BigDecimal decimal(String text) throws MalformedMessageException {
        if (!text.matches("-?\\d{1,9}(\\.\\d{1,6})?")) {
            throw new MalformedMessageException("not a number: " + text);
        }
        return new BigDecimal(text);
    }

    private static int count(String text) throws MalformedMessageException {
        if (!text.matches("\\d{1,5}")) {
            throw new MalformedMessageException("not a count: " + text);
        }
        return Integer.parseInt(text);
    }
}
