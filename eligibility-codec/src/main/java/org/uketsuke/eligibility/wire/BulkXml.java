package org.uketsuke.eligibility.wire;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.BulkSelection.PeriodKind;
import org.uketsuke.eligibility.InvalidValueException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The frame of the two-step bulk exchanges (docs/spec-notes/results.md#bulk-exchanges): an upload answered with a
 * {@code ReceptionNumber} ({@code …01res}), then a download request carrying it ({@code …02req}) answered with the
 * results once the system has them ({@code …02res}). The answer header carries {@code ReceptionNumber},
 * {@code SegmentOfResult} (OQSCD003: 1 normal, 2 still processing, 9 abnormal with {@code ErrorCode} /
 * {@code ErrorMessage}) and the counts {@code NumberOfProcessingResult}, {@code NumberOfNormalProcessing},
 * {@code NumberOfError}.
 *
 * <p>Also the requests of the 医療扶助 ({@code OQSmutic}), 訪問診療 ({@code OQSmuhvq}) and オンライン診療
 * ({@code OQSmuonq}) bulk exchanges: {@code QualificationConfirmSearchInfo} holding the selection instead of a list of
 * patients.
 */
public final class BulkXml {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuuMM", Locale.ROOT);

    private BulkXml() {}

    /** {@code SegmentOfResult} (OQSCD003). */
    public enum Segment {
        NORMAL("1"),
        PROCESSING("2"),
        ABNORMAL("9");

        private final String code;

        Segment(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** An unknown or missing code is {@link #NORMAL}: the header of older answers had none. */
        public static Segment ofCode(String code) {
            for (Segment s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            return NORMAL;
        }
    }

    /** The header counts of an answer: processed so far, of which normal and in error. */
    public record Counts(int processed, int normal, int error) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }

    /** Where an answer goes: its institution, the request's {@code ArbitraryFileIdentifier}, its character code. */
    public record Addressee(String institution, String fileId, CharacterCode code) {
        public static final Addressee NONE = new Addressee(null, null, CharacterCode.UTF_8);
    }

    /** The header fields of a bulk answer, as read. */
    public record AnswerHeader(
            String processExecutionTime,
            String receptionNumber,
            Segment segment,
            String errorCode,
            String errorMessage,
            Counts counts) {}

    // ---- answers ----------------------------------------------------------------------------------------------------

    /** An answer's {@code XmlMsg} with the bulk header; returns the empty {@code MessageBody}. */
    static Element answerFrame(
            Document document,
            String time,
            Addressee to,
            String receptionNumber,
            Segment segment,
            String errorCode,
            String errorMessage,
            Counts counts) {
        Element root = SafeXml.child(document, "XmlMsg");
        Element header = SafeXml.child(root, "MessageHeader");
        SafeXml.leaf(header, "ProcessExecutionTime", time);
        SafeXml.leaf(header, "QualificationConfirmationDate", time.substring(0, 8));
        SafeXml.leaf(header, "MedicalInstitutionCode", to.institution());
        SafeXml.leaf(header, "ArbitraryFileIdentifier", to.fileId());
        SafeXml.leaf(header, "ReceptionNumber", receptionNumber);
        SafeXml.leaf(header, "SegmentOfResult", segment.code());
        SafeXml.leaf(header, "ErrorCode", errorCode);
        SafeXml.leaf(header, "ErrorMessage", errorMessage);
        SafeXml.leaf(header, "NumberOfProcessingResult", Integer.toString(counts.processed()));
        SafeXml.leaf(header, "NumberOfNormalProcessing", Integer.toString(counts.normal()));
        SafeXml.leaf(header, "NumberOfError", Integer.toString(counts.error()));
        SafeXml.leaf(header, "CharacterCodeIdentifier", to.code().identifier());
        return SafeXml.child(root, "MessageBody");
    }

    /**
     * The answer to an upload ({@code …01res}): accepted under {@code receptionNumber}, {@code total} entries to
     * process when known ({@code TotalCount}, Uketsuke's own element: the official upload answer's counts are not
     * public here; null leaves it out).
     */
    public static byte[] writeAccepted(String receptionNumber, String time, Addressee to, Integer total) {
        Document document = SafeXml.newDocument();
        Element body = answerFrame(document, time, to, receptionNumber, Segment.NORMAL, null, null, Counts.NONE);
        SafeXml.leaf(body, "ProcessingResultStatus", "1");
        SafeXml.leaf(body, "TotalCount", total == null ? null : total.toString());
        return SafeXml.write(document, to.code().charset());
    }

    /** An abnormal answer ({@code SegmentOfResult} 9) to either step, e.g. an unknown reception number. */
    public static byte[] writeAbnormal(
            String receptionNumber, String time, Addressee to, String errorCode, String errorMessage) {
        Document document = SafeXml.newDocument();
        Element body = answerFrame(
                document, time, to, receptionNumber, Segment.ABNORMAL, errorCode, errorMessage, Counts.NONE);
        SafeXml.leaf(body, "ProcessingResultStatus", "2");
        SafeXml.leaf(body, "ProcessingResultCode", errorCode);
        SafeXml.leaf(body, "ProcessingResultMessage", errorMessage);
        return SafeXml.write(document, to.code().charset());
    }

    /** The header of any bulk answer; the reception number may sit in the header or (older answers) the body. */
    public static AnswerHeader parseHeader(byte[] xml) throws MalformedMessageException {
        return header(SafeXml.parse(xml));
    }

    static AnswerHeader header(Document document) throws MalformedMessageException {
        Element header = SafeXml.find(document, "MessageHeader")
                .orElseThrow(() -> new MalformedMessageException("missing MessageHeader"));
        return new AnswerHeader(
                SafeXml.required(header, "ProcessExecutionTime"),
                SafeXml.required(document, "ReceptionNumber"),
                Segment.ofCode(SafeXml.text(header, "SegmentOfResult").orElse("")),
                SafeXml.text(header, "ErrorCode").orElse(null),
                SafeXml.text(header, "ErrorMessage").orElse(null),
                new Counts(
                        count(header, "NumberOfProcessingResult"),
                        count(header, "NumberOfNormalProcessing"),
                        count(header, "NumberOfError")));
    }

    /** A count: absent is 0; anything but 1–9 ASCII digits is malformed. */
    static int count(Node parent, String name) throws MalformedMessageException {
        String text = SafeXml.text(parent, name).orElse("0");
        if (!text.matches("\\d{1,9}")) {
            throw new MalformedMessageException(name + " is not a count: " + text);
        }
        return Integer.parseInt(text);
    }

    // ---- the download request (…02req) --------------------------------------------------------------------------

    /** {@code …02req}: {@code MessageHeader/MedicalInstitutionCode}, {@code MessageBody/ReceptionNumber}. */
    public static byte[] writeDownloadRequest(String institution, String fileId, String receptionNumber) {
        Document document = SafeXml.newDocument();
        Element root = SafeXml.child(document, "XmlMsg");
        Element header = SafeXml.child(root, "MessageHeader");
        SafeXml.leaf(header, "MedicalInstitutionCode", institution);
        SafeXml.leaf(header, "ArbitraryFileIdentifier", fileId);
        SafeXml.leaf(SafeXml.child(root, "MessageBody"), "ReceptionNumber", receptionNumber);
        return SafeXml.write(document, CharacterCode.UTF_8.charset());
    }

    /** The reception number a download request asks for: 1–32 letters, digits or hyphens. */
    public static String parseDownloadRequest(byte[] xml) throws MalformedMessageException {
        String reception = SafeXml.required(SafeXml.parse(xml), "ReceptionNumber");
        if (!reception.matches("[0-9A-Za-z-]{1,32}")) {
            throw new MalformedMessageException("invalid ReceptionNumber");
        }
        return reception;
    }

    // ---- 医療扶助 / 訪問診療 / オンライン診療 requests (…01req) ----------------------------------------------------

    /** The file-name prefixes of the bulk exchanges that select patients instead of listing them. */
    public static String prefix(BulkSelection.Exchange exchange) {
        return switch (exchange) {
            case MEDICAL_AID -> "OQSmutic";
            case HOME_VISIT -> "OQSmuhvq";
            case ONLINE -> "OQSmuonq";
        };
    }

    /** {@code MedicalTreatmentFlag} (OQSCD028): 2 訪問診療, 3 オンライン診療; none for 医療扶助. */
    private static Optional<String> treatmentFlag(BulkSelection.Exchange exchange) {
        return switch (exchange) {
            case MEDICAL_AID -> Optional.empty();
            case HOME_VISIT -> Optional.of("2");
            case ONLINE -> Optional.of("3");
        };
    }

    /** A parsed selection request with its header fields. */
    public record SelectionRequest(BulkSelection selection, String institution, String fileId, CharacterCode code) {}

    public static byte[] writeSelectionRequest(
            BulkSelection selection, String institution, String fileId, CharacterCode code) {
        Document document = SafeXml.newDocument();
        Element root = SafeXml.child(document, "XmlMsg");
        Element header = SafeXml.child(root, "MessageHeader");
        SafeXml.leaf(header, "MedicalInstitutionCode", institution);
        SafeXml.leaf(header, "ArbitraryFileIdentifier", fileId);
        SafeXml.leaf(header, "CharacterCodeIdentifier", code.identifier());
        Element info = SafeXml.child(SafeXml.child(root, "MessageBody"), "QualificationConfirmSearchInfo");
        switch (selection) {
            case BulkSelection.TreatmentMonth m -> SafeXml.leaf(info, "MedicalTreatmentMonth", MONTH.format(m.month()));
            case BulkSelection.Period p -> {
                String prefix = p.kind() == PeriodKind.CONSENT ? "ConsentDate" : "ExaminationDate";
                SafeXml.leaf(info, prefix + "From", DATE.format(p.from()));
                SafeXml.leaf(info, prefix + "To", DATE.format(p.to()));
            }
        }
        treatmentFlag(selection.exchange()).ifPresent(flag -> SafeXml.leaf(info, "MedicalTreatmentFlag", flag));
        return SafeXml.write(document, code.charset());
    }

    /**
     * Reads a selection request of {@code exchange}: 医療扶助 needs a month, 訪問診療 consent dates, オンライン診療
     * consent or examination dates; a {@code MedicalTreatmentFlag} other than the exchange's is refused.
     */
    public static SelectionRequest parseSelectionRequest(BulkSelection.Exchange exchange, byte[] xml)
            throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        Element info = SafeXml.find(document, "QualificationConfirmSearchInfo")
                .orElseThrow(() -> new MalformedMessageException("missing QualificationConfirmSearchInfo"));
        Optional<String> flag = SafeXml.text(info, "MedicalTreatmentFlag");
        if (flag.isPresent() && !flag.equals(treatmentFlag(exchange))) {
            throw new MalformedMessageException("MedicalTreatmentFlag " + flag.get() + " does not belong to "
                    + prefix(exchange) + " (expected " + treatmentFlag(exchange).orElse("none") + ")");
        }
        BulkSelection selection;
        try {
            selection = switch (exchange) {
                case MEDICAL_AID ->
                    new BulkSelection.TreatmentMonth(
                            YearMonth.parse(SafeXml.required(info, "MedicalTreatmentMonth"), MONTH));
                case HOME_VISIT -> period(info, exchange, PeriodKind.CONSENT);
                case ONLINE ->
                    SafeXml.find(info, "ExaminationDateFrom").isPresent()
                            ? period(info, exchange, PeriodKind.EXAMINATION)
                            : period(info, exchange, PeriodKind.CONSENT);
            };
        } catch (DateTimeParseException | InvalidValueException e) {
            throw new MalformedMessageException("invalid selection: " + e.getMessage(), e);
        }
        return new SelectionRequest(
                selection,
                SafeXml.text(document, "MedicalInstitutionCode").orElse(""),
                SafeXml.text(document, "ArbitraryFileIdentifier").orElse(""),
                // A request without CharacterCodeIdentifier is Shift_JIS, as the public consumer writes it.
                CharacterCode.ofIdentifier(
                        SafeXml.text(document, "CharacterCodeIdentifier").orElse("1")));
    }

    private static BulkSelection period(Element info, BulkSelection.Exchange exchange, PeriodKind kind)
            throws MalformedMessageException {
        String prefix = kind == PeriodKind.CONSENT ? "ConsentDate" : "ExaminationDate";
        return new BulkSelection.Period(
                exchange,
                kind,
                LocalDate.parse(SafeXml.required(info, prefix + "From"), DATE),
                LocalDate.parse(SafeXml.required(info, prefix + "To"), DATE));
    }
}
