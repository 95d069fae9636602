package org.uketsuke.eligibility.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.InvalidValueException;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.VisualPasscode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The wire codec of the counter services beside confirmation, all in the {@code XmlMsg} frame of
 * {@link QualificationXml} (request header as there; answers carry {@code ProcessExecutionTime} and
 * {@code SegmentOfResult} in the header, {@code ProcessingResultStatus} 1/2 with {@code ProcessingResultCode} and
 * {@code ProcessingResultMessage} in the body):
 * <ul>
 *   <li><b>保険証利用登録</b> — {@code InsuranceUseRegistration} {AuthCertificate, Nonce, Signature} (base64) →
 *       {@code RegistrationResult} 1 registered now / 2 was already registered (so in every registration answer);</li>
 *   <li><b>visual-check passcode</b> (OQS-IF-049/050) — {@code VisualCheckPasscodeRequest} {StaffId} →
 *       {@code VisualCheckPasscode} {Passcode, StaffId, ExpirationTime (YYYYMMDDhhmmss, JST)};</li>
 *   <li><b>照会番号 registration</b> (OQS-IF-003/004 single, 009–012 batch) — {@code ReferenceNumberRegistrationList}
 *       of {@code ReferenceNumberRegistrationInfo} {InsurerNumber, InsuredCardSymbol, InsuredIdentificationNumber,
 *       InsuredBranchNumber, Birthdate, ReferenceNumber} → {@code ReferenceNumberRegistrationResultList} of
 *       {@code ReferenceNumberRegistrationResult} {ReferenceNumber, ProcessingResultStatus, ProcessingResultCode,
 *       ProcessingResultMessage, RegistrationResult}, in request order.</li>
 * </ul>
 * The official layouts of these interfaces (別紙3-1) are not public here: the element names are ours, in the style of
 * the public ones.
 */
public final class ServiceXml {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withZone(ZoneId.of("Asia/Tokyo"));

    private ServiceXml() {}

    // ---- 保険証利用登録 ---------------------------------------------------------------------------------------------

    public static byte[] writeRegistrationRequest(
            InsuranceUseRegistration registration, String institution, String time) {
        Document document = SafeXml.newDocument();
        Element body = QualificationXml.requestFrame(document, time, institution, "", "1");
        Element e = SafeXml.child(body, "InsuranceUseRegistration");
        Base64.Encoder b64 = Base64.getEncoder();
        SafeXml.leaf(e, "AuthCertificate", b64.encodeToString(registration.authCertificateDer()));
        SafeXml.leaf(e, "Nonce", b64.encodeToString(registration.nonce()));
        SafeXml.leaf(e, "Signature", b64.encodeToString(registration.signature()));
        return SafeXml.write(document, CharacterCode.UTF_8.charset());
    }

    public static InsuranceUseRegistration parseRegistrationRequest(byte[] xml) throws MalformedMessageException {
        Element e = SafeXml.find(SafeXml.parse(xml), "InsuranceUseRegistration")
                .orElseThrow(() -> new MalformedMessageException("missing InsuranceUseRegistration"));
        try {
            Base64.Decoder b64 = Base64.getMimeDecoder();
            return new InsuranceUseRegistration(
                    b64.decode(SafeXml.required(e, "AuthCertificate")),
                    b64.decode(SafeXml.required(e, "Nonce")),
                    b64.decode(SafeXml.required(e, "Signature")));
        } catch (IllegalArgumentException ex) {
            throw new MalformedMessageException("invalid InsuranceUseRegistration: " + ex.getMessage(), ex);
        }
    }

    /** The answer to a registration: registered (now or before), or refused for a reason. */
    public static byte[] writeRegistrationResult(String time, RegistrationOutcome outcome) {
        Document document = SafeXml.newDocument();
        Element body = answerFrame(document, time);
        writeOutcome(body, outcome);
        return SafeXml.write(document, CharacterCode.UTF_8.charset());
    }

    public static RegistrationOutcome parseRegistrationResult(byte[] xml) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        String time = SafeXml.required(document, "ProcessExecutionTime");
        Element body = SafeXml.find(document, "MessageBody")
                .orElseThrow(() -> new MalformedMessageException("missing MessageBody"));
        return readOutcome(body, time);
    }

    // ---- visual-check passcode (OQS-IF-049/050) ---------------------------------------------------------------------

    public static byte[] writePasscodeRequest(String staffId, String institution, String time) {
        Document document = SafeXml.newDocument();
        Element body = QualificationXml.requestFrame(document, time, institution, "", "1");
        SafeXml.leaf(SafeXml.child(body, "VisualCheckPasscodeRequest"), "StaffId", staffId);
        return SafeXml.write(document, CharacterCode.UTF_8.charset());
    }

    public static String parsePasscodeRequest(byte[] xml) throws MalformedMessageException {
        Element e = SafeXml.find(SafeXml.parse(xml), "VisualCheckPasscodeRequest")
                .orElseThrow(() -> new MalformedMessageException("missing VisualCheckPasscodeRequest"));
        String staffId = SafeXml.required(e, "StaffId");
        if (!staffId.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new MalformedMessageException("invalid StaffId");
        }
        return staffId;
    }

    public static byte[] writePasscode(String time, VisualPasscode passcode) {
        Document document = SafeXml.newDocument();
        Element body = answerFrame(document, time);
        SafeXml.leaf(body, "ProcessingResultStatus", "1");
        Element e = SafeXml.child(body, "VisualCheckPasscode");
        SafeXml.leaf(e, "Passcode", passcode.passcode());
        SafeXml.leaf(e, "StaffId", passcode.staffId());
        SafeXml.leaf(e, "ExpirationTime", TIME.format(passcode.expiresAt()));
        return SafeXml.write(document, CharacterCode.UTF_8.charset());
    }

    public static VisualPasscode parsePasscode(byte[] xml) throws MalformedMessageException {
        Element e = SafeXml.find(SafeXml.parse(xml), "VisualCheckPasscode")
                .orElseThrow(() -> new MalformedMessageException("missing VisualCheckPasscode"));
        try {
            Instant expires = LocalDateTime.parse(
                            SafeXml.required(e, "ExpirationTime"),
                            DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT))
                    .atZone(ZoneId.of("Asia/Tokyo"))
                    .toInstant();
            return new VisualPasscode(SafeXml.required(e, "Passcode"), SafeXml.required(e, "StaffId"), expires);
        } catch (DateTimeParseException | InvalidValueException ex) {
            throw new MalformedMessageException("invalid VisualCheckPasscode: " + ex.getMessage(), ex);
        }
    }

    // ---- 照会番号 registration -----------------------------------------------------------------------------------

    public static byte[] writeReferenceRequest(
            List<ReferenceRegistration> registrations, String institution, String time) {
        Document document = SafeXml.newDocument();
        Element body = QualificationXml.requestFrame(document, time, institution, "", "2");
        Element list = SafeXml.child(body, "ReferenceNumberRegistrationList");
        for (ReferenceRegistration r : registrations) {
            Element info = SafeXml.child(list, "ReferenceNumberRegistrationInfo");
            SafeXml.leaf(info, "InsurerNumber", r.card().insurer().value());
            SafeXml.leaf(info, "InsuredCardSymbol", r.card().symbol());
            SafeXml.leaf(info, "InsuredIdentificationNumber", r.card().number());
            SafeXml.leaf(info, "InsuredBranchNumber", r.card().branch());
            SafeXml.leaf(info, "Birthdate", WireDates.formatCompact(r.birthdate()));
            SafeXml.leaf(info, "ReferenceNumber", r.referenceNumber().value());
        }
        return SafeXml.write(document, CharacterCode.UTF_8.charset());
    }

    public static List<ReferenceRegistration> parseReferenceRequest(byte[] xml) throws MalformedMessageException {
        NodeList infos = SafeXml.parse(xml).getElementsByTagName("ReferenceNumberRegistrationInfo");
        List<ReferenceRegistration> registrations = new ArrayList<>();
        for (int i = 0; i < infos.getLength(); i++) {
            Element info = (Element) infos.item(i);
            try {
                registrations.add(new ReferenceRegistration(
                        new InsuranceCardId(
                                InsurerNumber.of(SafeXml.required(info, "InsurerNumber")),
                                SafeXml.text(info, "InsuredCardSymbol").orElse(""),
                                SafeXml.required(info, "InsuredIdentificationNumber"),
                                SafeXml.text(info, "InsuredBranchNumber").orElse("")),
                        WireDates.parseCompact(SafeXml.required(info, "Birthdate")),
                        ReferenceNumber.of(SafeXml.required(info, "ReferenceNumber"))));
            } catch (InvalidValueException | DateTimeParseException e) {
                throw new MalformedMessageException(
                        "invalid ReferenceNumberRegistrationInfo " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (registrations.isEmpty()) {
            throw new MalformedMessageException("missing ReferenceNumberRegistrationInfo");
        }
        return registrations;
    }

    /** One result per registration, in request order. */
    public static byte[] writeReferenceResults(
            String time, List<ReferenceRegistration> registrations, List<RegistrationOutcome> outcomes) {
        return writeReferenceResults(time, BulkXml.Addressee.NONE, null, registrations, outcomes);
    }

    /**
     * The same as the folder interface answers a レセコン ({@code OQSsiimm01res}/{@code OQSmuimm01res}/
     * {@code OQSmuimm02res}): with the institution code, the request's {@code ArbitraryFileIdentifier} echoed, in the
     * request's character code. With a {@code receptionNumber} (the batch, docs/spec-notes/results.md#bulk-exchanges)
     * the header is the bulk one: the number, {@code SegmentOfResult} and the counts of registered and refused.
     */
    public static byte[] writeReferenceResults(
            String time,
            BulkXml.Addressee to,
            String receptionNumber,
            List<ReferenceRegistration> registrations,
            List<RegistrationOutcome> outcomes) {
        Document document = SafeXml.newDocument();
        int registered = (int) outcomes.stream()
                .filter(o -> o instanceof RegistrationOutcome.Registered)
                .count();
        Element body = receptionNumber == null
                ? answerFrame(document, time, to.institution(), to.fileId(), to.code())
                : BulkXml.answerFrame(
                        document,
                        time,
                        to,
                        receptionNumber,
                        BulkXml.Segment.NORMAL,
                        null,
                        null,
                        new BulkXml.Counts(outcomes.size(), registered, outcomes.size() - registered));
        SafeXml.leaf(body, "ProcessingResultStatus", "1");
        Element list = SafeXml.child(body, "ReferenceNumberRegistrationResultList");
        for (int i = 0; i < outcomes.size(); i++) {
            Element result = SafeXml.child(list, "ReferenceNumberRegistrationResult");
            SafeXml.leaf(
                    result,
                    "ReferenceNumber",
                    registrations.get(i).referenceNumber().value());
            writeOutcome(result, outcomes.get(i));
        }
        return SafeXml.write(document, to.code().charset());
    }

    public static List<RegistrationOutcome> parseReferenceResults(byte[] xml) throws MalformedMessageException {
        Document document = SafeXml.parse(xml);
        String time = SafeXml.required(document, "ProcessExecutionTime");
        NodeList results = document.getElementsByTagName("ReferenceNumberRegistrationResult");
        List<RegistrationOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < results.getLength(); i++) {
            outcomes.add(readOutcome((Element) results.item(i), time));
        }
        return outcomes;
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    private static Element answerFrame(Document document, String time) {
        return answerFrame(document, time, null, null, CharacterCode.UTF_8);
    }

    private static Element answerFrame(
            Document document, String time, String institution, String fileId, CharacterCode code) {
        Element root = SafeXml.child(document, "XmlMsg");
        Element header = SafeXml.child(root, "MessageHeader");
        SafeXml.leaf(header, "ProcessExecutionTime", time);
        if (institution != null) {
            SafeXml.leaf(header, "MedicalInstitutionCode", institution);
        }
        if (fileId != null) {
            SafeXml.leaf(header, "ArbitraryFileIdentifier", fileId);
        }
        SafeXml.leaf(header, "SegmentOfResult", "1");
        SafeXml.leaf(header, "CharacterCodeIdentifier", code.identifier());
        return SafeXml.child(root, "MessageBody");
    }

    private static void writeOutcome(Element parent, RegistrationOutcome outcome) {
        switch (outcome) {
            case RegistrationOutcome.Registered r -> {
                SafeXml.leaf(parent, "ProcessingResultStatus", "1");
                SafeXml.leaf(parent, "RegistrationResult", r.alreadyRegistered() ? "2" : "1");
            }
            case RegistrationOutcome.Rejected r -> {
                SafeXml.leaf(parent, "ProcessingResultStatus", "2");
                SafeXml.leaf(
                        parent, "ProcessingResultCode", r.code() == null ? ResultCodes.codeOf(r.reason()) : r.code());
                SafeXml.leaf(parent, "ProcessingResultMessage", r.message());
            }
            case Unavailable u ->
                throw new IllegalArgumentException("an unavailable outcome is never sent: " + u.reason());
        }
    }

    private static RegistrationOutcome readOutcome(Element parent, String time) throws MalformedMessageException {
        String status = SafeXml.required(parent, "ProcessingResultStatus");
        if (status.equals("1")) {
            return new RegistrationOutcome.Registered(
                    time, SafeXml.required(parent, "RegistrationResult").equals("2"));
        }
        if (!status.equals("2")) {
            throw new MalformedMessageException("unknown ProcessingResultStatus " + status);
        }
        String code = SafeXml.text(parent, "ProcessingResultCode").orElse(null);
        return new RegistrationOutcome.Rejected(
                ResultCodes.reasonOf(code).orElse(RejectionReason.REQUEST_INVALID),
                code,
                SafeXml.text(parent, "ProcessingResultMessage").orElse(""));
    }
}
