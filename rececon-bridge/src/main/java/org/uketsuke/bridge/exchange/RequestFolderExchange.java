package org.uketsuke.bridge.exchange;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.eligibility.BatchResult;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.wire.BulkXml;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.eligibility.wire.SafeXml;
import org.uketsuke.eligibility.wire.ServiceXml;

/**
 * The 連携アプリ's {@code req}/{@code res} folders, as レセコン already use them
 * (docs/spec-notes/eligibility.md#folders-and-files): a レセコン drops {@code OQSsiquc01req_<id>.xml} (confirmation by
 * insurance number) into {@code req}; Uketsuke asks the qualification system and writes {@code OQSsiquc01res_<id>.xml}
 * into {@code res}, echoing ArbitraryFileIdentifier and the request's character code. The 一括照会 takes the official two
 * steps: {@code OQSmuquc01req} (booked patients) is answered with a ReceptionNumber, and {@code OQSmuquc02req} (that
 * number) with every patient's result once the system has them (until then, an answer saying it is still processing).
 * 照会番号 registrations ({@code OQSsiimm01req} one, {@code OQSmuimm01req} several) are answered with one result per
 * number. A request that breaks the rules gets the same name with {@code .err} in {@code res}. Answered requests move
 * to {@code req/done}; a request the backend could not be asked for stays for the next pass, so nothing is lost.
 * Answers are written through {@link AtomicFiles}.
 */
public final class RequestFolderExchange {

    private static final Logger log = LoggerFactory.getLogger(RequestFolderExchange.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));

    private final RequestFolder folder;
    private final EligibilityClient backend;
    private final String institutionCode;
    private final Clock clock;
    private final ReferenceBatches referenceBatches;

    public RequestFolderExchange(Path req, Path res, EligibilityClient backend, String institutionCode, Clock clock) {
        this(req, res, backend, institutionCode, clock, RequestFolder.DEFAULT_MAX_REQUEST_BYTES);
    }

    /** With a size limit for request files: a larger one is refused unread. */
    public RequestFolderExchange(
            Path req, Path res, EligibilityClient backend, String institutionCode, Clock clock, long maxRequestBytes) {
        this.folder = new RequestFolder(req, res, maxRequestBytes, clock, log);
        this.referenceBatches = new ReferenceBatches(req.resolve("done").resolve("reference-batches"), clock);
        this.backend = backend;
        this.institutionCode = institutionCode;
        this.clock = clock;
    }

    /** Audits every answered or refused request (hashes only) and pauses while the audit trail does. */
    public RequestFolderExchange withAudit(ExchangeAudit audit) {
        folder.audit(audit);
        return this;
    }

    /** Polls {@code req} every {@code interval} on a daemon thread until the returned handle is closed. */
    public AutoCloseable poll(Duration interval) {
        return folder.every(interval, "rececon-req-folder", this::processPending);
    }

    /** The last request or pass that failed, for the staff console. */
    public Optional<FolderProblem> lastProblem() {
        return folder.lastProblem();
    }

    /** The request kinds this folder answers, by file-name prefix. */
    private enum Kind implements RequestFolder.RequestKind {
        /** Single confirmation by insurance number. */
        SINGLE("OQSsiquc01req_", "OQSsiquc01res_"),
        /** 一括照会 upload: answered with the ReceptionNumber to fetch the results with. */
        BATCH_UPLOAD("OQSmuquc01req_", "OQSmuquc01res_"),
        /** 一括照会 result fetch by ReceptionNumber: the results, or "still processing" (ask again later). */
        BATCH_FETCH("OQSmuquc02req_", "OQSmuquc02res_"),
        /** 照会番号 registration for one patient (OQS-IF-003/004). */
        REFERENCE_SINGLE("OQSsiimm01req_", "OQSsiimm01res_"),
        /** 照会番号 registration for many (OQS-IF-009/010): answered with a ReceptionNumber (and the results). */
        REFERENCE_BATCH("OQSmuimm01req_", "OQSmuimm01res_"),
        /** The batch's results by ReceptionNumber (OQS-IF-011/012; the file name by analogy with OQSmuquc02req). */
        REFERENCE_BATCH_FETCH("OQSmuimm02req_", "OQSmuimm02res_"),
        /** 医療扶助 bulk exchange: a treatment month, answered with a ReceptionNumber. */
        MEDICAL_AID_UPLOAD(BulkSelection.Exchange.MEDICAL_AID, "01"),
        MEDICAL_AID_FETCH(BulkSelection.Exchange.MEDICAL_AID, "02"),
        /** 訪問診療 bulk exchange: a period of consent dates. */
        HOME_VISIT_UPLOAD(BulkSelection.Exchange.HOME_VISIT, "01"),
        HOME_VISIT_FETCH(BulkSelection.Exchange.HOME_VISIT, "02"),
        /** オンライン診療 bulk exchange: a period of consent or examination dates. */
        ONLINE_UPLOAD(BulkSelection.Exchange.ONLINE, "01"),
        ONLINE_FETCH(BulkSelection.Exchange.ONLINE, "02");

        final String requestPrefix;
        final String answerPrefix;
        final BulkSelection.Exchange selecting;

        Kind(String requestPrefix, String answerPrefix) {
            this.requestPrefix = requestPrefix;
            this.answerPrefix = answerPrefix;
            this.selecting = null;
        }

        Kind(BulkSelection.Exchange selecting, String step) {
            this.requestPrefix = BulkXml.prefix(selecting) + step + "req_";
            this.answerPrefix = BulkXml.prefix(selecting) + step + "res_";
            this.selecting = selecting;
        }

        @Override
        public String requestPrefix() {
            return requestPrefix;
        }
    }

    private RequestFolder.Handled answer(Kind kind, String id, byte[] bytes) throws MalformedMessageException {
        return switch (kind) {
            case SINGLE -> single(id, bytes);
            case BATCH_UPLOAD -> batchUpload(id, bytes);
            case BATCH_FETCH, MEDICAL_AID_FETCH, HOME_VISIT_FETCH, ONLINE_FETCH -> batchFetch(kind, id, bytes);
            case MEDICAL_AID_UPLOAD, HOME_VISIT_UPLOAD, ONLINE_UPLOAD -> bulkUpload(kind, id, bytes);
            case REFERENCE_SINGLE, REFERENCE_BATCH -> references(kind, id, bytes);
            case REFERENCE_BATCH_FETCH -> referenceFetch(id, bytes);
        };
    }

    /** Answers every waiting request once. */
    public FolderPass processPending() {
        return folder.process(List.of(Kind.values()), this::answer);
    }

    private RequestFolder.Handled single(String id, byte[] bytes) throws MalformedMessageException {
        Request request = parse(bytes);
        QualificationXml.SearchRequest parsed = request.search();
        CharacterCode code = request.characterCode();
        ConfirmationOutcome outcome = backend.confirmByInsurance(parsed.search());
        String now = TIME.format(clock.instant());
        ResultMessage answer = switch (outcome) {
            case ConfirmationOutcome.Confirmed c ->
                ResultMessage.confirmed(
                        c.processingTime(),
                        institutionCode,
                        parsed.arbitraryFileIdentifier(),
                        c.qualification(),
                        c.notice());
            case ConfirmationOutcome.Rejected r ->
                ResultMessage.rejected(now, institutionCode, parsed.arbitraryFileIdentifier(), r.reason(), r.message());
            case Unavailable u -> null;
        };
        if (answer == null) {
            log.warn("request {} deferred: the qualification system is unavailable", id);
            return RequestFolder.Handled.DEFERRED;
        }
        write(
                Kind.SINGLE.answerPrefix + id + ".xml",
                QualificationXml.write(answer.withReferenceClassification("2").withCharacterCode(code)));
        return RequestFolder.Handled.ANSWERED;
    }

    private RequestFolder.Handled batchUpload(String id, byte[] bytes) throws MalformedMessageException {
        List<InsuranceSearch> searches = QualificationXml.parseBatchRequest(bytes);
        if (searches.isEmpty()) {
            throw new MalformedMessageException("the batch holds no QualificationConfirmSearchInfo");
        }
        String reception;
        switch (backend.submitBatch(searches)) {
            case BatchSubmission.Accepted accepted -> reception = accepted.receptionNumber();
            case Unavailable u -> {
                log.warn("batch request {} deferred: {} {}", id, u.reason(), u.diagnostic());
                return RequestFolder.Handled.DEFERRED;
            }
        }
        write(
                Kind.BATCH_UPLOAD.answerPrefix + id + ".xml",
                BulkXml.writeAccepted(reception, TIME.format(clock.instant()), addressee(bytes), searches.size()));
        return RequestFolder.Handled.ANSWERED;
    }

    /** The first step of a selecting bulk exchange: the system picks the patients; the answer names the batch. */
    private RequestFolder.Handled bulkUpload(Kind kind, String id, byte[] bytes) throws MalformedMessageException {
        BulkXml.SelectionRequest request = BulkXml.parseSelectionRequest(kind.selecting, bytes);
        switch (backend.submitBulk(request.selection())) {
            case BatchSubmission.Accepted accepted ->
                write(
                        kind.answerPrefix + id + ".xml",
                        BulkXml.writeAccepted(
                                accepted.receptionNumber(),
                                TIME.format(clock.instant()),
                                new BulkXml.Addressee(institutionCode, request.fileId(), request.code()),
                                null));
            case Unavailable u -> {
                log.warn("bulk request {} deferred: {} {}", id, u.reason(), u.diagnostic());
                return RequestFolder.Handled.DEFERRED;
            }
        }
        return RequestFolder.Handled.ANSWERED;
    }

    private RequestFolder.Handled batchFetch(Kind kind, String id, byte[] bytes) throws MalformedMessageException {
        String reception = BulkXml.parseDownloadRequest(bytes);
        String now = TIME.format(clock.instant());
        String answer = kind.answerPrefix + id + ".xml";
        switch (backend.batchStatus(reception)) {
            case BatchStatus.Processing p ->
                write(
                        answer,
                        QualificationXml.writeBatchStatus(
                                reception, now, addressee(bytes), p.done(), p.total(), List.of(), null));
            case BatchStatus.Done done -> {
                List<InsuranceSearch> searches = new ArrayList<>();
                List<ResultMessage> results = new ArrayList<>();
                for (BatchResult result : done.results()) {
                    ResultMessage.of(
                                    result.outcome(),
                                    now,
                                    institutionCode,
                                    result.search().arbitraryIdentifier())
                            .ifPresent(message -> {
                                searches.add(result.search());
                                results.add(message);
                            });
                }
                write(
                        answer,
                        QualificationXml.writeBatchStatus(
                                reception,
                                now,
                                addressee(bytes),
                                results.size(),
                                done.results().size(),
                                searches,
                                results));
            }
            case BatchStatus.Failed failed ->
                // The system does not know this reception number: asking again will not help.
                throw new MalformedMessageException("reception number " + reception + " refused: " + failed.reason());
            case Unavailable u -> {
                log.warn("batch fetch {} deferred: {} {}", id, u.reason(), u.diagnostic());
                return RequestFolder.Handled.DEFERRED;
            }
        }
        return RequestFolder.Handled.ANSWERED;
    }

    private RequestFolder.Handled references(Kind kind, String id, byte[] bytes) throws MalformedMessageException {
        List<ReferenceRegistration> registrations = ServiceXml.parseReferenceRequest(bytes);
        if (kind == Kind.REFERENCE_SINGLE && registrations.size() != 1) {
            throw new MalformedMessageException("a single 照会番号 registration holds " + registrations.size()
                    + " ReferenceNumberRegistrationInfo (use OQSmuimm01req for several)");
        }
        List<RegistrationOutcome> outcomes = backend.registerReferenceNumbers(registrations);
        if (outcomes.stream().allMatch(o -> o instanceof Unavailable)) {
            log.warn("照会番号 request {} deferred: the qualification system is unavailable", id);
            return RequestFolder.Handled.DEFERRED;
        }
        String reception = kind == Kind.REFERENCE_BATCH ? referenceBatches.newReceptionNumber() : null;
        if (reception != null) {
            referenceBatches.keep(reception, bytes, outcomes);
        }
        write(
                kind.answerPrefix + id + ".xml",
                ServiceXml.writeReferenceResults(
                        TIME.format(clock.instant()), addressee(bytes), reception, registrations, outcomes));
        return RequestFolder.Handled.ANSWERED;
    }

    /** The second step of a 照会番号 batch: the results kept under its reception number. */
    private RequestFolder.Handled referenceFetch(String id, byte[] bytes) throws MalformedMessageException {
        String reception = BulkXml.parseDownloadRequest(bytes);
        ReferenceBatches.Kept kept = referenceBatches
                .find(reception)
                .orElseThrow(() -> new MalformedMessageException("no 照会番号 batch has reception number " + reception));
        write(
                Kind.REFERENCE_BATCH_FETCH.answerPrefix + id + ".xml",
                ServiceXml.writeReferenceResults(
                        TIME.format(clock.instant()),
                        addressee(bytes),
                        reception,
                        kept.registrations(),
                        kept.outcomes()));
        return RequestFolder.Handled.ANSWERED;
    }

    private BulkXml.Addressee addressee(byte[] bytes) throws MalformedMessageException {
        return new BulkXml.Addressee(institutionCode, fileIdentifier(bytes), characterCode(bytes));
    }

    private static CharacterCode characterCode(byte[] bytes) throws MalformedMessageException {
        return CharacterCode.ofIdentifier(
                SafeXml.text(SafeXml.parse(bytes), "CharacterCodeIdentifier").orElse("0"));
    }

    private static String fileIdentifier(byte[] bytes) throws MalformedMessageException {
        return SafeXml.text(SafeXml.parse(bytes), "ArbitraryFileIdentifier").orElse("");
    }

    /** A request file's content: the search with its header fields, and the character code to answer in. */
    record Request(QualificationXml.SearchRequest search, CharacterCode characterCode) {}

    /** Parses one request file; bad content of any kind is a {@link MalformedMessageException} (fuzzed). */
    static Request parse(byte[] bytes) throws MalformedMessageException {
        QualificationXml.SearchRequest search = QualificationXml.parseSearch(bytes);
        CharacterCode code = CharacterCode.ofIdentifier(
                SafeXml.text(SafeXml.parse(bytes), "CharacterCodeIdentifier").orElse("0"));
        return new Request(search, code);
    }

    private void write(String fileName, byte[] bytes) {
        folder.write(fileName, bytes);
    }
}
