package org.uketsuke.bridge.exchange;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPdf;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.SafeXml;
import org.uketsuke.eligibility.wire.medical.MedicalXml;

/**
 * Drug and checkup requests of a レセコン through the 連携アプリ's {@code req}/{@code res} folders, answered like the
 * official app does as far as public consumers show it (docs/rececon-integration.md):
 * {@code YZKsiquc01req_<name>.xml} asks for 薬剤情報, {@code TKKsiquc01req_<name>.xml} for 特定健診情報, where
 * {@code <name>} starts with the two-digit {@code FileCategory} the body also carries — 01 PDF, 02 XML; for drugs also
 * 03/04 (薬剤+診療 PDF/XML: the acts of care of the same claims too). The answer has the same name with {@code res} for
 * {@code req}: {@code .xml} ({@code ResultCode} 1 with the patient header and the records) or {@code .pdf}; a refusal (no consent, consent
 * expired, unknown insurance) is an {@code .xml} with {@code ResultCode} 2 and {@code MessageContents}; a request that
 * breaks the rules gets {@code …req_<name>.err}. When the system cannot be reached the request stays in {@code req}
 * for the next pass, so nothing is lost; answered ones move to {@code req/done}.
 */
public final class MedicalFolderExchange {

    private static final Logger log = LoggerFactory.getLogger(MedicalFolderExchange.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));

    /** The request kinds by file-name prefix. */
    enum Kind implements RequestFolder.RequestKind {
        DRUG("YZKsiquc01req_", "YZKsiquc01res_", MedicalCategory.DRUG),
        CHECKUP("TKKsiquc01req_", "TKKsiquc01res_", MedicalCategory.CHECKUP);

        final String requestPrefix;
        final String answerPrefix;
        final MedicalCategory category;

        Kind(String requestPrefix, String answerPrefix, MedicalCategory category) {
            this.requestPrefix = requestPrefix;
            this.answerPrefix = answerPrefix;
            this.category = category;
        }

        @Override
        public String requestPrefix() {
            return requestPrefix;
        }
    }

    private final RequestFolder folder;
    private final MedicalInformationClient backend;
    private final String institutionCode;
    private final Clock clock;

    public MedicalFolderExchange(
            Path req, Path res, MedicalInformationClient backend, String institutionCode, Clock clock) {
        this(req, res, backend, institutionCode, clock, RequestFolder.DEFAULT_MAX_REQUEST_BYTES);
    }

    /** With a size limit for request files: a larger one is refused unread. */
    public MedicalFolderExchange(
            Path req,
            Path res,
            MedicalInformationClient backend,
            String institutionCode,
            Clock clock,
            long maxRequestBytes) {
        this.folder = new RequestFolder(req, res, maxRequestBytes, clock, log);
        this.backend = backend;
        this.institutionCode = institutionCode;
        this.clock = clock;
    }

    /** Audits every answered or refused request (hashes only) and pauses while the audit trail does. */
    public MedicalFolderExchange withAudit(ExchangeAudit audit) {
        folder.audit(audit);
        return this;
    }

    /** Polls {@code req} every {@code interval} on a daemon thread until the returned handle is closed. */
    public AutoCloseable poll(Duration interval) {
        return folder.every(interval, "rececon-medical-folder", this::processPending);
    }

    /** The last request or pass that failed, for the staff console. */
    public Optional<FolderProblem> lastProblem() {
        return folder.lastProblem();
    }

    /** Answers every waiting drug and checkup request once. */
    public FolderPass processPending() {
        return folder.process(List.of(Kind.values()), this::answer);
    }

    private RequestFolder.Handled answer(Kind kind, String id, byte[] bytes) throws MalformedMessageException {
        MedicalXml.Request parsed = MedicalXml.parseRequest(bytes, kind.category);
        if (parsed.query().category() != kind.category) {
            throw new MalformedMessageException(
                    "InformationCategory " + parsed.query().category() + " in a " + kind.requestPrefix + " file");
        }
        boolean pdf = switch (parsed.fileCategory()) {
            case "1", "01" -> true;
            case "2", "02" -> false;
            case "3", "03" -> kind == Kind.DRUG ? true : unknownCategory(parsed.fileCategory());
            case "4", "04" -> kind == Kind.DRUG ? false : unknownCategory(parsed.fileCategory());
            default -> unknownCategory(parsed.fileCategory());
        };
        CharacterCode code = CharacterCode.ofIdentifier(
                SafeXml.text(SafeXml.parse(bytes), "CharacterCodeIdentifier").orElse("1"));
        String fileId = parsed.query().arbitraryFileIdentifier();
        String now = TIME.format(clock.instant());
        String xmlAnswer = kind.answerPrefix + id + ".xml";
        MedicalOutcome<?> outcome = pdf ? backend.medicalPdf(parsed.query()) : backend.medicalRecords(parsed.query());
        switch (outcome) {
            case MedicalOutcome.Found<?> found -> {
                if (found.value() instanceof MedicalPdf document) {
                    folder.write(kind.answerPrefix + id + ".pdf", document.bytes());
                } else {
                    folder.write(
                            xmlAnswer,
                            MedicalXml.writeRecords(
                                    now,
                                    institutionCode,
                                    fileId,
                                    (MedicalRecords) found.value(),
                                    found.consentExpiresAt(),
                                    found.patient(),
                                    code));
                }
            }
            case MedicalOutcome.NoConsent<?> n ->
                folder.write(
                        xmlAnswer,
                        MedicalXml.writeRefusal(
                                now,
                                institutionCode,
                                fileId,
                                kind.category,
                                MedicalXml.Refusal.NO_CONSENT,
                                n.answer(),
                                null,
                                "閲覧の同意がありません。",
                                code));
            case MedicalOutcome.ConsentExpired<?> e ->
                folder.write(
                        xmlAnswer,
                        MedicalXml.writeRefusal(
                                now,
                                institutionCode,
                                fileId,
                                kind.category,
                                MedicalXml.Refusal.CONSENT_EXPIRED,
                                Consent.EXPIRED,
                                e.expiredAt(),
                                "同意の有効期限が切れています。",
                                code));
            case MedicalOutcome.NotFound<?> n ->
                folder.write(
                        xmlAnswer,
                        MedicalXml.writeRefusal(
                                now,
                                institutionCode,
                                fileId,
                                kind.category,
                                MedicalXml.Refusal.NOT_FOUND,
                                null,
                                null,
                                "該当する被保険者が存在しません。",
                                code));
            case MedicalOutcome.NotAnswered<?>(Unavailable u) -> {
                log.warn("medical request {} deferred: {} {}", id, u.reason(), u.diagnostic());
                return RequestFolder.Handled.DEFERRED;
            }
        }
        return RequestFolder.Handled.ANSWERED;
    }

    private static boolean unknownCategory(String fileCategory) throws MalformedMessageException {
        throw new MalformedMessageException("unknown FileCategory " + fileCategory);
    }
}
