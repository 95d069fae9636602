package org.uketsuke.eligibility.wire;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.uketsuke.eligibility.Attestation;
import org.uketsuke.eligibility.BatchResult;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.CardFace;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.ElderlyRecipient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsuredCardClassification;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.InvalidValueException;
import org.uketsuke.eligibility.LimitCategory;
import org.uketsuke.eligibility.LimitCertificate;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.ReceivedMessage;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.SpecificDisease;
import org.uketsuke.eligibility.SpecificDiseaseCertificate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The wire codec of online qualification (docs/spec-notes/eligibility.md#message-shape).
 *
 * <p><b>Result</b> — the official {@code XmlMsg}: {@code MessageHeader} (ProcessExecutionTime,
 * QualificationConfirmationDate, MedicalInstitutionCode, ArbitraryFileIdentifier, ReferenceClassification,
 * SegmentOfResult, ErrorCode, ErrorMessage, CharacterCodeIdentifier) and {@code MessageBody} (ProcessingResultStatus,
 * ProcessingResultCode, ProcessingResultMessage, QualificationValidity, ResultList of
 * ResultOfQualificationConfirmation with the optional ElderlyRecipientCertificateInfo,
 * LimitApplicationCertificateRelatedInfo, SpecificDiseasesCertificateList and the 公費 list). Written in the
 * specification's element order; read by element name. The 公費 block's inner names ({@code PublicExpenseInfo},
 * {@code PublicExpensePayerNumber}, {@code PublicExpenseRecipientNumber}, validity dates) are unconfirmed against
 * the official layout (別紙3-1) and may change.
 *
 * <p><b>Card confirmation request</b> — the terminal → backend request of the card path. The official terminal
 * protocol is not public, so this is Uketsuke's own shape in the same {@code XmlMsg} frame: the header as above with
 * ReferenceClassification 1 (card), and a body {@code CardConfirmation} with {@code AuthCertificate},
 * {@code Nonce}, {@code Signature} (base64), {@code IdentityMethod} (PIN/FACE/VISUAL) and the consent flags
 * ({@code PharmaceuticalInfoConsFlg}, {@code SpecificHealthCheckupsInfoConsFlg}, {@code DiagnosisInfoConsFlg},
 * {@code OperationInfoConsFlg}, {@code LimitApplicationCertificateRelatedConsFlg},
 * {@code SpecificDiseasesCertificateRelatedConsFlg}; OQSCD016 codes), the patient's {@code PrescriptionIssueSelect}
 * (1 electronic, 2 paper; absent when not asked) and the 診療区分 {@code MedicalTreatmentFlag} (OQSCD028, default 1).
 */
public final class QualificationXml {

    /** The ratio of a 医療扶助-only result, which names none (see {@link #readQualification}). */
    private static final ContributionRatio MEDICAL_AID_ONLY = new ContributionRatio(0);

    private QualificationXml() {}

    // ---- result -------------------------------------------------------------------------------------------------

    public static byte[] write(ResultMessage message) {
        return SafeXml.write(resultDocument(message), message.characterCode().charset());
    }

    /** The result's document, as {@link #write} serialises it. */
    static Document resultDocument(ResultMessage message) {
        Document document = SafeXml.newDocument();
        Element root = SafeXml.child(document, "XmlMsg");
        Element header = SafeXml.child(root, "MessageHeader");
        SafeXml.leaf(header, "ProcessExecutionTime", message.processExecutionTime());
        SafeXml.leaf(header, "QualificationConfirmationDate", message.qualificationConfirmationDate());
        SafeXml.leaf(header, "MedicalInstitutionCode", message.medicalInstitutionCode());
        SafeXml.leaf(header, "ArbitraryFileIdentifier", message.arbitraryFileIdentifier());
        SafeXml.leaf(header, "ReferenceClassification", message.referenceClassification());
        SafeXml.leaf(header, "SegmentOfResult", message.segmentOfResult());
        SafeXml.leaf(header, "ErrorCode", message.errorCode());
        SafeXml.leaf(header, "ErrorMessage", message.errorMessage());
        SafeXml.leaf(header, "CharacterCodeIdentifier", message.characterCode().identifier());
        writeResult(SafeXml.child(root, "MessageBody"), message);
        return document;
    }

    /** The result part of a body (also the content of each BulkConfirmUnit of a batch). */
    private static void writeResult(Element body, ResultMessage message) {
        SafeXml.leaf(body, "ProcessingResultStatus", message.processingResultStatus());
        SafeXml.leaf(body, "ProcessingResultCode", message.processingResultCode());
        SafeXml.leaf(body, "ProcessingResultMessage", message.processingResultMessage());
        SafeXml.leaf(body, "QualificationValidity", message.qualificationValidity());
        if (!message.qualifications().isEmpty()) {
            Element list = SafeXml.child(body, "ResultList");
            for (Qualification q : message.qualifications()) {
                writeQualification(SafeXml.child(list, "ResultOfQualificationConfirmation"), q);
            }
        }
        SafeXml.leaf(body, "PrescriptionIssueSelect", message.prescriptionIssueSelect());
    }

    /** In the specification's element order (docs/spec-notes/eligibility.md#message-shape). */
    private static void writeQualification(Element e, Qualification q) {
        ResultParticulars p = q.particulars();
        SafeXml.leaf(e, "InsuredCardClassification", p.cardClassification().code());
        SafeXml.leaf(e, "InsurerNumber", q.card().insurer().wire());
        SafeXml.leaf(e, "InsuredCardSymbol", q.card().symbol());
        SafeXml.leaf(e, "InsuredIdentificationNumber", q.card().number());
        SafeXml.leaf(e, "InsuredBranchNumber", q.card().branch());
        SafeXml.leaf(e, "PersonalFamilyClassification", q.personalFamily().code());
        SafeXml.leaf(e, "InsuredName", p.insuredName());
        SafeXml.leaf(e, "Name", q.name());
        SafeXml.leaf(e, "NameOfOther", p.nameOfOther());
        SafeXml.leaf(e, "NameKana", q.nameKana());
        SafeXml.leaf(e, "NameOfOtherKana", p.nameOfOtherKana());
        SafeXml.leaf(e, "Sex1", q.sex().code());
        SafeXml.leaf(e, "Sex2", p.sex2());
        SafeXml.leaf(e, "Birthdate", WireDates.formatCompact(q.birthdate()));
        SafeXml.leaf(e, "Address", p.address());
        SafeXml.leaf(e, "PostNumber", p.postNumber());
        SafeXml.leaf(e, "QualificationDate", format(q.qualificationDate()));
        SafeXml.leaf(e, "DisqualificationDate", format(p.disqualificationDate()));
        SafeXml.leaf(e, "InsuredCertificateIssuanceDate", format(p.certificateIssuanceDate()));
        SafeXml.leaf(e, "InsuredCardValidDate", format(p.cardValidDate()));
        SafeXml.leaf(e, "InsuredCardExpirationDate", format(p.cardExpirationDate()));
        SafeXml.leaf(e, "InsuredPartialContributionRatio", q.contributionRatio().wire());
        SafeXml.leaf(e, "PreschoolClassification", p.preschoolClassification());
        SafeXml.leaf(e, "ReasonOfLoss", p.reasonOfLoss());
        SafeXml.leaf(e, "InsurerName", q.insurerName());
        writeDetails(e, q.details(), p);
        for (ConsentKind kind : ConsentElements.VIEWING) {
            p.consent(kind).ifPresent(consent -> ConsentElements.write(e, consent));
        }
        SubsidyElements.write(e, p.subsidies());
        q.referenceNumber().ifPresent(reference -> SafeXml.leaf(e, "ReferenceNumber", reference.value()));
    }

    /** The blocks, each after its consent (as reported: a block without its consent record is written without it). */
    private static void writeDetails(Element e, QualificationDetails d, ResultParticulars p) {
        d.elderly().ifPresent(elderly -> {
            Element info = SafeXml.child(e, "ElderlyRecipientCertificateInfo");
            SafeXml.leaf(info, "ElderlyRecipientCertificateDate", format(elderly.certificateDate()));
            SafeXml.leaf(info, "ElderlyRecipientValidStartDate", format(elderly.validStart()));
            SafeXml.leaf(info, "ElderlyRecipientValidEndDate", format(elderly.validEnd()));
            SafeXml.leaf(
                    info, "ElderlyRecipientContributionRatio", elderly.ratio().wire());
        });
        p.consent(ConsentKind.LIMIT_APPLICATION).ifPresent(consent -> ConsentElements.write(e, consent));
        d.limit().ifPresent(limit -> {
            Element info = SafeXml.child(e, "LimitApplicationCertificateRelatedInfo");
            SafeXml.leaf(info, "LimitApplicationCertificateClassification", limit.classification());
            SafeXml.leaf(
                    info,
                    "LimitApplicationCertificateClassificationFlag",
                    limit.category().name());
            SafeXml.leaf(info, "LimitApplicationCertificateDate", format(limit.certificateDate()));
            SafeXml.leaf(info, "LimitApplicationCertificateValidStartDate", format(limit.validStart()));
            SafeXml.leaf(info, "LimitApplicationCertificateValidEndDate", format(limit.validEnd()));
            SafeXml.leaf(info, "LimitApplicationCertificateLongTermDate", format(limit.longTermDate()));
        });
        p.consent(ConsentKind.SPECIFIC_DISEASES).ifPresent(consent -> ConsentElements.write(e, consent));
        if (!d.specificDiseases().isEmpty()) {
            Element list = SafeXml.child(e, "SpecificDiseasesCertificateList");
            for (SpecificDiseaseCertificate c : d.specificDiseases()) {
                Element info = SafeXml.child(list, "SpecificDiseasesCertificateInfo");
                SafeXml.leaf(
                        info,
                        "SpecificDiseasesDiseaseCategory",
                        String.format("%02d", Integer.parseInt(c.disease().code())));
                SafeXml.leaf(info, "SpecificDiseasesCertificateDate", format(c.certificateDate()));
                SafeXml.leaf(info, "SpecificDiseasesValidStartDate", format(c.validStart()));
                SafeXml.leaf(info, "SpecificDiseasesValidEndDate", format(c.validEnd()));
                SafeXml.leaf(info, "SpecificDiseasesSelfPay", Integer.toString(c.selfPayYen()));
            }
        }
        if (!d.publicExpenses().isEmpty() || !p.medicalTickets().isEmpty()) {
            Element list = SafeXml.child(e, "PublicExpenseResultList");
            for (PublicExpense x : d.publicExpenses()) {
                Element info = SafeXml.child(list, "PublicExpenseInfo");
                SafeXml.leaf(info, "PublicExpensePayerNumber", x.payer().value());
                SafeXml.leaf(info, "PublicExpenseRecipientNumber", x.recipient().value());
                SafeXml.leaf(info, "PublicExpenseValidStartDate", format(x.validStart()));
                SafeXml.leaf(info, "PublicExpenseValidEndDate", format(x.validEnd()));
            }
            // Inner names as a public consumer reads them (docs/spec-notes/results.md, "医療扶助"); the numbers are ours.
            for (MedicalTicket t : p.medicalTickets()) {
                Element info = SafeXml.child(list, "MedicalTicketInfo");
                SafeXml.leaf(info, "TicketType", t.ticketKind());
                SafeXml.leaf(info, "PublicExpensePayerNumber", t.payer().value());
                SafeXml.leaf(info, "PublicExpenseRecipientNumber", t.recipient().value());
                SafeXml.leaf(info, "MedicalTicketValidDate", format(t.validStart()));
                SafeXml.leaf(info, "MedicalTicketExpirationDate", format(t.validEnd()));
            }
        }
    }

    private static ResultParticulars readParticulars(Element e) throws MalformedMessageException {
        List<ConsentRecord> consents = new ArrayList<>();
        for (ConsentKind kind : ConsentKind.values()) {
            ConsentElements.read(e, kind).ifPresent(consents::add);
        }
        List<MedicalTicket> tickets = new ArrayList<>();
        NodeList ticketInfos = e.getElementsByTagName("MedicalTicketInfo");
        for (int i = 0; i < ticketInfos.getLength(); i++) {
            Element info = (Element) ticketInfos.item(i);
            // The official result names the 医療扶助 numbers once for the person (PublicExpenseNumber,
            // BeneficiaryNumber), a 医療扶助-only result in the insurance fields (medicalAidPayer); Uketsuke 0.1 named
            // the ticket's fields its own way: all are read.
            tickets.add(new MedicalTicket(
                    firstText(info, "TicketType", "MedicalTicketClassification").orElse("1"),
                    PublicExpensePayerNumber.of(firstText(info, "PublicExpensePayerNumber")
                            .or(() -> medicalAidPayer(e))
                            .orElseThrow(() -> new MalformedMessageException("missing PublicExpenseNumber"))),
                    PublicExpenseRecipientNumber.of(firstText(info, "PublicExpenseRecipientNumber")
                            .or(() -> medicalAidRecipient(e))
                            .orElseThrow(() -> new MalformedMessageException("missing BeneficiaryNumber"))),
                    optionalDate(info, "MedicalTicketValidDate", "MedicalTicketValidStartDate"),
                    optionalDate(info, "MedicalTicketExpirationDate", "MedicalTicketValidEndDate")));
        }
        return new ResultParticulars(
                SafeXml.text(e, "InsuredCardClassification")
                        .map(InsuredCardClassification::new)
                        .orElse(InsuredCardClassification.GENERAL),
                SafeXml.text(e, "InsuredName").orElse(null),
                SafeXml.text(e, "NameOfOther").orElse(null),
                SafeXml.text(e, "NameOfOtherKana").orElse(null),
                SafeXml.text(e, "Sex2").orElse(null),
                SafeXml.text(e, "Address").orElse(null),
                SafeXml.text(e, "PostNumber").orElse(null),
                optionalDate(e, "DisqualificationDate"),
                optionalDate(e, "InsuredCertificateIssuanceDate"),
                optionalDate(e, "InsuredCardValidDate"),
                optionalDate(e, "InsuredCardExpirationDate"),
                SafeXml.text(e, "PreschoolClassification").orElse(null),
                SafeXml.text(e, "ReasonOfLoss").orElse(null),
                consents,
                tickets,
                SubsidyElements.read(e));
    }

    private static QualificationDetails readDetails(Element e) throws MalformedMessageException {
        Optional<ElderlyRecipient> elderly = Optional.empty();
        Optional<Element> elderlyInfo = SafeXml.find(e, "ElderlyRecipientCertificateInfo");
        if (elderlyInfo.isPresent()) {
            Element info = elderlyInfo.get();
            elderly = Optional.of(new ElderlyRecipient(
                    optionalDate(info, "ElderlyRecipientCertificateDate"),
                    optionalDate(info, "ElderlyRecipientValidStartDate"),
                    optionalDate(info, "ElderlyRecipientValidEndDate"),
                    ContributionRatio.ofWire(SafeXml.required(info, "ElderlyRecipientContributionRatio"))));
        }
        Optional<LimitCertificate> limit = Optional.empty();
        Optional<Element> limitInfo = SafeXml.find(e, "LimitApplicationCertificateRelatedInfo");
        if (limitInfo.isPresent()
                && SafeXml.text(limitInfo.get(), "LimitApplicationCertificateClassificationFlag")
                        .isPresent()) {
            Element info = limitInfo.get();
            limit = Optional.of(new LimitCertificate(
                    SafeXml.required(info, "LimitApplicationCertificateClassification"),
                    LimitCategory.ofCode(SafeXml.required(info, "LimitApplicationCertificateClassificationFlag")),
                    optionalDate(info, "LimitApplicationCertificateDate"),
                    optionalDate(info, "LimitApplicationCertificateValidStartDate"),
                    optionalDate(info, "LimitApplicationCertificateValidEndDate"),
                    optionalDate(info, "LimitApplicationCertificateLongTermDate")));
        }
        List<SpecificDiseaseCertificate> diseases = new ArrayList<>();
        NodeList diseaseInfos = e.getElementsByTagName("SpecificDiseasesCertificateInfo");
        for (int i = 0; i < diseaseInfos.getLength(); i++) {
            Element info = (Element) diseaseInfos.item(i);
            diseases.add(new SpecificDiseaseCertificate(
                    SpecificDisease.ofCode(SafeXml.required(info, "SpecificDiseasesDiseaseCategory")),
                    optionalDate(info, "SpecificDiseasesCertificateDate"),
                    optionalDate(info, "SpecificDiseasesValidStartDate"),
                    optionalDate(info, "SpecificDiseasesValidEndDate"),
                    Integer.parseInt(
                            SafeXml.text(info, "SpecificDiseasesSelfPay").orElse("0"))));
        }
        List<PublicExpense> expenses = new ArrayList<>();
        NodeList expenseInfos = e.getElementsByTagName("PublicExpenseInfo");
        for (int i = 0; i < expenseInfos.getLength(); i++) {
            Element info = (Element) expenseInfos.item(i);
            expenses.add(new PublicExpense(
                    PublicExpensePayerNumber.of(SafeXml.required(info, "PublicExpensePayerNumber")),
                    PublicExpenseRecipientNumber.of(SafeXml.required(info, "PublicExpenseRecipientNumber")),
                    optionalDate(info, "PublicExpenseValidStartDate"),
                    optionalDate(info, "PublicExpenseValidEndDate")));
        }
        return new QualificationDetails(elderly, limit, diseases, expenses);
    }

    static String format(LocalDate date) {
        return date == null ? null : WireDates.formatCompact(date);
    }

    static LocalDate optionalDate(Element parent, String... names) throws MalformedMessageException {
        Optional<String> text = firstText(parent, names);
        return text.isEmpty() ? null : date(text.get());
    }

    /** The text of the first of these elements present: a field that newer and older messages name differently. */
    private static Optional<String> firstText(Element parent, String... names) {
        for (String name : names) {
            Optional<String> text = SafeXml.text(parent, name);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    /**
     * What a result message means to the terminal; a confirmation keeps the message's bytes, so the レセコン gets exactly
     * what the system sent.
     */
    public static ConfirmationOutcome outcomeOf(byte[] xml) throws MalformedMessageException {
        ConfirmationOutcome outcome = parseResult(xml).toOutcome();
        return outcome instanceof ConfirmationOutcome.Confirmed c ? c.withReceived(new ReceivedMessage(xml)) : outcome;
    }

    public static ResultMessage parseResult(byte[] xml) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        if (!"XmlMsg".equals(document.getDocumentElement().getTagName())) {
            throw new MalformedMessageException("root element is not XmlMsg");
        }
        Element header = SafeXml.find(document, "MessageHeader")
                .orElseThrow(() -> new MalformedMessageException("missing MessageHeader"));
        Element body = SafeXml.find(document, "MessageBody")
                .orElseThrow(() -> new MalformedMessageException("missing MessageBody"));
        List<Qualification> qualifications = readQualifications(body);
        return new ResultMessage(
                SafeXml.required(header, "ProcessExecutionTime"),
                SafeXml.text(header, "QualificationConfirmationDate").orElse(null),
                SafeXml.text(header, "MedicalInstitutionCode").orElse(null),
                SafeXml.text(header, "ArbitraryFileIdentifier").orElse(null),
                SafeXml.text(header, "ReferenceClassification").orElse(null),
                SafeXml.required(header, "SegmentOfResult"),
                SafeXml.text(header, "ErrorCode").orElse(null),
                SafeXml.text(header, "ErrorMessage").orElse(null),
                CharacterCode.ofIdentifier(
                        SafeXml.text(header, "CharacterCodeIdentifier").orElse("0")),
                SafeXml.text(body, "ProcessingResultStatus").orElse(null),
                SafeXml.text(body, "ProcessingResultCode").orElse(null),
                SafeXml.text(body, "ProcessingResultMessage").orElse(null),
                SafeXml.text(body, "QualificationValidity").orElse(null),
                qualifications,
                SafeXml.text(body, "PrescriptionIssueSelect").orElse(null));
    }

    private static List<Qualification> readQualifications(Element parent) throws MalformedMessageException {
        List<Qualification> qualifications = new ArrayList<>();
        NodeList results = parent.getElementsByTagName("ResultOfQualificationConfirmation");
        for (int i = 0; i < results.getLength(); i++) {
            qualifications.add(readQualification((Element) results.item(i)));
        }
        return qualifications;
    }

    /** 被保険者証区分 A1: the result is 医療扶助 (docs/spec-notes/results.md, "医療扶助"). */
    private static boolean medicalAid(Element e) {
        return SafeXml.text(e, "InsuredCardClassification")
                .map(InsuredCardClassification.MEDICAL_AID.code()::equals)
                .orElse(false);
    }

    /** The 医療扶助 公費負担者番号: the person's PublicExpenseNumber, else (a 医療扶助-only result) its InsurerNumber. */
    private static Optional<String> medicalAidPayer(Element e) {
        return SafeXml.text(e, "PublicExpenseNumber")
                .or(() -> medicalAid(e) ? SafeXml.text(e, "InsurerNumber") : Optional.empty());
    }

    /** The 医療扶助 受給者番号: BeneficiaryNumber, else (a 医療扶助-only result) InsuredIdentificationNumber. */
    private static Optional<String> medicalAidRecipient(Element e) {
        return SafeXml.text(e, "BeneficiaryNumber")
                .or(() -> medicalAid(e) ? SafeXml.text(e, "InsuredIdentificationNumber") : Optional.empty());
    }

    /**
     * A 医療扶助-only result (no health insurance beside it) carries the 公費負担者番号 and 受給者番号 where an insurance's
     * numbers stand — or only as PublicExpenseNumber / BeneficiaryNumber — and no 負担割合: the patient's share is the
     * 医療券's SelfPayAmount, not a ratio, so it reads as 0 (docs/spec-notes/face-files.md#public-samples). Any other
     * result must name its insurance and ratio.
     */
    private static Qualification readQualification(Element e) throws MalformedMessageException {
        try {
            boolean medicalAid = medicalAid(e);
            InsuranceCardId card = new InsuranceCardId(
                    InsurerNumber.of(
                            medicalAid
                                    ? SafeXml.text(e, "InsurerNumber")
                                            .or(() -> SafeXml.text(e, "PublicExpenseNumber"))
                                            .orElse(null)
                                    : SafeXml.required(e, "InsurerNumber")),
                    SafeXml.text(e, "InsuredCardSymbol").orElse(""),
                    medicalAid
                            ? SafeXml.text(e, "InsuredIdentificationNumber")
                                    .or(() -> SafeXml.text(e, "BeneficiaryNumber"))
                                    .orElse("")
                            : SafeXml.required(e, "InsuredIdentificationNumber"),
                    SafeXml.text(e, "InsuredBranchNumber").orElse(""));
            Optional<String> ratio = SafeXml.text(e, "InsuredPartialContributionRatio");
            return new Qualification(
                    card,
                    SafeXml.text(e, "InsurerName").orElse(""),
                    SafeXml.text(e, "Name").orElse(""),
                    SafeXml.text(e, "NameKana").orElse(""),
                    date(SafeXml.required(e, "Birthdate")),
                    Sex.ofCode(SafeXml.text(e, "Sex1").orElse("3")),
                    PersonalFamily.ofCode(
                            SafeXml.text(e, "PersonalFamilyClassification").orElse("1")),
                    medicalAid && ratio.isEmpty()
                            ? MEDICAL_AID_ONLY
                            : ContributionRatio.ofWire(SafeXml.required(e, "InsuredPartialContributionRatio")),
                    SafeXml.text(e, "QualificationDate")
                            .map(QualificationXml::dateOrNull)
                            .orElse(null),
                    readDetails(e),
                    SafeXml.text(e, "ReferenceNumber").map(ReferenceNumber::new),
                    readParticulars(e));
        } catch (InvalidValueException | NumberFormatException ex) {
            throw new MalformedMessageException("invalid " + ex.getMessage(), ex);
        }
    }

    /** XmlMsg with a request header (照会区分 1 card, 2 insurance-card information); returns the empty MessageBody. */
    static Element requestFrame(
            Document document,
            String processExecutionTime,
            String institution,
            String fileId,
            String referenceClassification) {
        return requestFrame(
                document, processExecutionTime, institution, fileId, referenceClassification, CharacterCode.UTF_8);
    }

    private static Element requestFrame(
            Document document,
            String processExecutionTime,
            String institution,
            String fileId,
            String referenceClassification,
            CharacterCode code) {
        Element root = SafeXml.child(document, "XmlMsg");
        Element header = SafeXml.child(root, "MessageHeader");
        SafeXml.leaf(header, "ProcessExecutionTime", processExecutionTime);
        SafeXml.leaf(header, "QualificationConfirmationDate", processExecutionTime.substring(0, 8));
        SafeXml.leaf(header, "MedicalInstitutionCode", institution);
        SafeXml.leaf(header, "ArbitraryFileIdentifier", fileId);
        SafeXml.leaf(header, "ReferenceClassification", referenceClassification);
        SafeXml.leaf(header, "CharacterCodeIdentifier", code.identifier());
        return SafeXml.child(root, "MessageBody");
    }

    // ---- confirmation by insurance number (the official siquc01req shape)
    // --------------------------------------------

    /** A parsed search with the header fields. */
    public record SearchRequest(
            InsuranceSearch search, String medicalInstitutionCode, String arbitraryFileIdentifier) {}

    public static byte[] writeSearch(
            InsuranceSearch search, String institution, String fileId, String processExecutionTime) {
        Document document = SafeXml.newDocument();
        Element body = requestFrame(document, processExecutionTime, institution, fileId, "2");
        writeSearchInfo(body, search);
        return SafeXml.write(document, CharacterCode.UTF_8.charset());
    }

    private static void writeSearchInfo(Element parent, InsuranceSearch search) {
        Element info = SafeXml.child(parent, "QualificationConfirmSearchInfo");
        SafeXml.leaf(info, "InsurerNumber", search.card().insurer().value());
        SafeXml.leaf(info, "InsuredCardSymbol", search.card().symbol());
        SafeXml.leaf(info, "InsuredIdentificationNumber", search.card().number());
        SafeXml.leaf(info, "InsuredBranchNumber", search.card().branch());
        SafeXml.leaf(info, "Birthdate", WireDates.formatCompact(search.birthdate()));
        SafeXml.leaf(info, "LimitApplicationCertificateRelatedConsFlg", search.limitConsent() ? "1" : "0");
        SafeXml.leaf(info, "ArbitraryIdentifier", search.arbitraryIdentifier());
    }

    private static InsuranceSearch readSearchInfo(Element info) throws MalformedMessageException {
        try {
            return new InsuranceSearch(
                    new InsuranceCardId(
                            InsurerNumber.of(SafeXml.required(info, "InsurerNumber")),
                            SafeXml.text(info, "InsuredCardSymbol").orElse(""),
                            SafeXml.required(info, "InsuredIdentificationNumber"),
                            SafeXml.text(info, "InsuredBranchNumber").orElse("")),
                    date(SafeXml.required(info, "Birthdate")),
                    "1"
                            .equals(SafeXml.text(info, "LimitApplicationCertificateRelatedConsFlg")
                                    .orElse("0")),
                    SafeXml.text(info, "ArbitraryIdentifier").orElse(""));
        } catch (InvalidValueException e) {
            throw new MalformedMessageException("invalid " + e.getMessage(), e);
        }
    }

    // ---- batch pre-check (一括照会): upload, then poll the reception number ------------------------------------------

    /** Upload of booked patients: {@code MessageBody/BulkConfirmList/QualificationConfirmSearchInfo*}. */
    public static byte[] writeBatchRequest(
            List<InsuranceSearch> searches, String institution, String processExecutionTime) {
        Document document = SafeXml.newDocument();
        Element body = requestFrame(document, processExecutionTime, institution, "", "2");
        Element list = SafeXml.child(body, "BulkConfirmList");
        searches.forEach(search -> writeSearchInfo(list, search));
        return SafeXml.write(document, CharacterCode.UTF_8.charset());
    }

    public static List<InsuranceSearch> parseBatchRequest(byte[] xml) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        NodeList infos = document.getElementsByTagName("QualificationConfirmSearchInfo");
        List<InsuranceSearch> searches = new ArrayList<>();
        for (int i = 0; i < infos.getLength(); i++) {
            searches.add(readSearchInfo((Element) infos.item(i)));
        }
        return searches;
    }

    /**
     * A batch's state ({@code OQSmuquc02res}, docs/spec-notes/results.md#bulk-exchanges): the bulk header
     * ({@link BulkXml}: ReceptionNumber, SegmentOfResult 2 while processing or 1 when done, the counts) and, when done,
     * one {@code BulkConfirmUnit} per patient (search info, result status, code, message, validity,
     * {@code ResultOfQualificationConfirmation}, {@code ReferenceNumber}), in request order. While processing the body
     * carries {@code TotalCount} (Uketsuke's own) so a poller can show progress.
     */
    public static byte[] writeBatchStatus(
            String receptionNumber,
            String processExecutionTime,
            int done,
            int total,
            List<InsuranceSearch> searches,
            List<ResultMessage> results) {
        return writeBatchStatus(
                receptionNumber, processExecutionTime, BulkXml.Addressee.NONE, done, total, searches, results);
    }

    /**
     * The same, as the folder interface answers a レセコン ({@code OQSmuquc02res}): with its institution code, the
     * request's {@code ArbitraryFileIdentifier} echoed, in the request's character code.
     */
    public static byte[] writeBatchStatus(
            String receptionNumber,
            String processExecutionTime,
            BulkXml.Addressee to,
            int done,
            int total,
            List<InsuranceSearch> searches,
            List<ResultMessage> results) {
        Document document = SafeXml.newDocument();
        boolean finished = results != null;
        int normal = finished
                ? (int) results.stream()
                        .filter(r -> "1".equals(r.processingResultStatus()))
                        .count()
                : 0;
        int processed = finished ? results.size() : done;
        Element body = BulkXml.answerFrame(
                document,
                processExecutionTime,
                to,
                receptionNumber,
                finished ? BulkXml.Segment.NORMAL : BulkXml.Segment.PROCESSING,
                null,
                null,
                new BulkXml.Counts(processed, normal, finished ? processed - normal : 0));
        if (finished) {
            for (int i = 0; i < results.size(); i++) {
                Element unit = SafeXml.child(body, "BulkConfirmUnit");
                ResultMessage result = results.get(i);
                writeSearchInfo(unit, searches.get(i));
                SafeXml.leaf(unit, "ProcessingResultStatus", result.processingResultStatus());
                SafeXml.leaf(unit, "ProcessingResultCode", result.processingResultCode());
                SafeXml.leaf(unit, "ProcessingResultMessage", result.processingResultMessage());
                SafeXml.leaf(unit, "QualificationValidity", result.qualificationValidity());
                for (Qualification q : result.qualifications()) {
                    writeQualification(SafeXml.child(unit, "ResultOfQualificationConfirmation"), q);
                }
                result.qualifications().stream()
                        .map(Qualification::referenceNumber)
                        .flatMap(Optional::stream)
                        .findFirst()
                        .ifPresent(n -> SafeXml.leaf(unit, "ReferenceNumber", n.value()));
            }
        } else {
            SafeXml.leaf(body, "TotalCount", Integer.toString(total));
        }
        return SafeXml.write(document, to.code().charset());
    }

    /**
     * Reads a batch's state: {@code SegmentOfResult} 2 processing, 9 refused, else done. Answers of Uketsuke before
     * 0.2 (no segment in the header, {@code ProcessingStatus} 1/2 and {@code ProcessedCount} in the body) are read too.
     */
    public static BatchStatus parseBatchStatus(byte[] xml) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        BulkXml.AnswerHeader header = BulkXml.header(document);
        String reception = header.receptionNumber();
        String time = header.processExecutionTime();
        Optional<String> legacy = SafeXml.text(document, "ProcessingStatus");
        if (header.segment() == BulkXml.Segment.ABNORMAL) {
            return new BatchStatus.Failed(
                    reception, header.errorMessage() == null ? "SegmentOfResult 9" : header.errorMessage());
        }
        if (header.segment() == BulkXml.Segment.PROCESSING
                || legacy.filter(s -> !s.equals("2")).isPresent()) {
            int done = legacy.isPresent()
                    ? count(document, "ProcessedCount")
                    : header.counts().processed();
            return new BatchStatus.Processing(reception, done, count(document, "TotalCount"));
        }
        List<BatchResult> results = new ArrayList<>();
        NodeList units = document.getElementsByTagName("BulkConfirmUnit");
        for (int i = 0; i < units.getLength(); i++) {
            Element unit = (Element) units.item(i);
            InsuranceSearch search = readSearchInfo(SafeXml.find(unit, "QualificationConfirmSearchInfo")
                    .orElseThrow(() ->
                            new MalformedMessageException("BulkConfirmUnit without QualificationConfirmSearchInfo")));
            ResultMessage result = new ResultMessage(
                    time,
                    null,
                    null,
                    search.arbitraryIdentifier(),
                    "2",
                    "1",
                    null,
                    null,
                    CharacterCode.UTF_8,
                    SafeXml.text(unit, "ProcessingResultStatus").orElse(null),
                    SafeXml.text(unit, "ProcessingResultCode").orElse(null),
                    SafeXml.text(unit, "ProcessingResultMessage").orElse(null),
                    SafeXml.text(unit, "QualificationValidity").orElse(null),
                    readQualifications(unit),
                    null);
            results.add(new BatchResult(search, result.toOutcome()));
        }
        return new BatchStatus.Done(reception, results);
    }

    public static SearchRequest parseSearch(byte[] xml) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        Element info = SafeXml.find(document, "QualificationConfirmSearchInfo")
                .orElseThrow(() -> new MalformedMessageException("missing QualificationConfirmSearchInfo"));
        return new SearchRequest(
                readSearchInfo(info),
                SafeXml.text(document, "MedicalInstitutionCode").orElse(""),
                SafeXml.text(document, "ArbitraryFileIdentifier").orElse(""));
    }

    // ---- card confirmation request --------------------------------------------------------------------------------

    /** A parsed card request with the header fields the backend needs. */
    public record CardRequest(
            CardConfirmationRequest request, String medicalInstitutionCode, String processExecutionTime) {}

    public static byte[] writeCardRequest(
            CardConfirmationRequest request, String institution, String processExecutionTime) {
        return SafeXml.write(
                cardRequestDocument(request, institution, processExecutionTime), CharacterCode.UTF_8.charset());
    }

    /** The card request's document, as {@link #writeCardRequest} serialises it. */
    static Document cardRequestDocument(
            CardConfirmationRequest request, String institution, String processExecutionTime) {
        Document document = SafeXml.newDocument();
        Element body =
                requestFrame(document, processExecutionTime, institution, request.arbitraryFileIdentifier(), "1");
        Element card = SafeXml.child(body, "CardConfirmation");
        Base64.Encoder b64 = Base64.getEncoder();
        SafeXml.leaf(card, "AuthCertificate", b64.encodeToString(request.authCertificateDer()));
        SafeXml.leaf(card, "Nonce", b64.encodeToString(request.nonce()));
        SafeXml.leaf(card, "Signature", b64.encodeToString(request.signature()));
        SafeXml.leaf(card, "IdentityMethod", request.method().name());
        if (request.attestation() != null) {
            SafeXml.leaf(card, "Attestation", request.attestation().text());
        }
        if (request.cardFace() != null) {
            SafeXml.leaf(card, "CardFace", request.cardFace().text());
            SafeXml.leaf(card, "CardFaceSignature", b64.encodeToString(request.cardFaceSignature()));
        }
        Consents c = request.consents();
        SafeXml.leaf(card, "PharmaceuticalInfoConsFlg", c.drug().code());
        SafeXml.leaf(card, "SpecificHealthCheckupsInfoConsFlg", c.checkup().code());
        SafeXml.leaf(card, "DiagnosisInfoConsFlg", c.treatment().code());
        SafeXml.leaf(card, "OperationInfoConsFlg", c.operation().code());
        SafeXml.leaf(
                card, "LimitApplicationCertificateRelatedConsFlg", c.limitInfo().code());
        SafeXml.leaf(
                card,
                "SpecificDiseasesCertificateRelatedConsFlg",
                c.specificDisease().code());
        // The 6情報's flag under the result's prefix for them (docs/spec-notes/consents.md: Uketsuke's own name).
        SafeXml.leaf(card, CLINICAL_CONSENT, c.clinical().code());
        SubsidyElements.writeConsent(card, c.subsidy());
        if (request.prescriptionForm() != null) {
            SafeXml.leaf(
                    card, "PrescriptionIssueSelect", request.prescriptionForm().code());
        }
        SafeXml.leaf(card, "MedicalTreatmentFlag", request.scenario().code());
        return document;
    }

    public static CardRequest parseCardRequest(byte[] xml) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        Element card = SafeXml.find(document, "CardConfirmation")
                .orElseThrow(() -> new MalformedMessageException("missing CardConfirmation"));
        try {
            Base64.Decoder b64 = Base64.getMimeDecoder();
            Consents consents = new Consents(
                    consent(card, "PharmaceuticalInfoConsFlg"),
                    consent(card, "SpecificHealthCheckupsInfoConsFlg"),
                    consent(card, "DiagnosisInfoConsFlg"),
                    consent(card, "OperationInfoConsFlg"),
                    consent(card, "LimitApplicationCertificateRelatedConsFlg"),
                    consent(card, "SpecificDiseasesCertificateRelatedConsFlg"),
                    consent(card, CLINICAL_CONSENT),
                    SubsidyElements.readConsent(card));
            CardConfirmationRequest request = new CardConfirmationRequest(
                    b64.decode(SafeXml.required(card, "AuthCertificate")),
                    b64.decode(SafeXml.required(card, "Nonce")),
                    b64.decode(SafeXml.required(card, "Signature")),
                    IdentityMethod.valueOf(SafeXml.required(card, "IdentityMethod")),
                    consents,
                    SafeXml.text(document, "ArbitraryFileIdentifier").orElse(""),
                    SafeXml.text(card, "Attestation").map(Attestation::parse).orElse(null),
                    SafeXml.text(card, "PrescriptionIssueSelect")
                            .map(PrescriptionForm::ofCode)
                            .orElse(null),
                    SafeXml.text(card, "MedicalTreatmentFlag")
                            .map(ConsentScenario::ofCode)
                            .orElse(ConsentScenario.OUTPATIENT),
                    SafeXml.text(card, "CardFace").map(CardFace::parse).orElse(null),
                    SafeXml.text(card, "CardFaceSignature").map(b64::decode).orElse(new byte[0]));
            return new CardRequest(
                    request,
                    SafeXml.text(document, "MedicalInstitutionCode").orElse(""),
                    SafeXml.required(document, "ProcessExecutionTime"));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid card request: " + e.getMessage(), e);
        }
    }

    private static final String CLINICAL_CONSENT = ConsentElements.prefix(ConsentKind.CLINICAL_SIX) + "ConsFlg";

    private static Consent consent(Element parent, String name) {
        return SafeXml.text(parent, name).map(Consent::ofCode).orElse(Consent.NOT_OBTAINED);
    }

    /** A count of patients: absent is 0; anything but 1–9 ASCII digits is malformed (was a NumberFormatException). */
    private static int count(Document document, String name) throws MalformedMessageException {
        String text = SafeXml.text(document, name).orElse("0");
        if (!text.matches("\\d{1,9}")) {
            throw new MalformedMessageException(name + " is not a count: " + text);
        }
        return Integer.parseInt(text);
    }

    static LocalDate date(String yyyymmdd) throws MalformedMessageException {
        try {
            return WireDates.parseCompact(yyyymmdd);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("not a YYYYMMDD date: " + yyyymmdd, e);
        }
    }

    private static LocalDate dateOrNull(String yyyymmdd) {
        try {
            return WireDates.parseCompact(yyyymmdd);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
