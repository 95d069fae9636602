package org.uketsuke.folders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.PasscodeOutcome;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPdf;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultBytes;
import org.uketsuke.eligibility.wire.ResultCodes;
import org.uketsuke.eligibility.wire.SafeXml;
import org.uketsuke.eligibility.wire.ServiceXml;
import org.uketsuke.eligibility.wire.medical.MedicalXml;
import org.w3c.dom.Document;

/**
 * The qualification system through the clinic's own 連携アプリ (backend kind {@code folders};
 * docs/decisions/0012-folders-backend.md): every call becomes a request file in {@code req} with the official name
 * and waits for its answer in {@code res} ({@link FolderCall}). Lookups by insurance number ({@code OQSsiquc01}),
 * 一括照会 ({@code OQSmuquc01}/{@code 02}), 照会番号 ({@code OQSsiimm01}/{@code OQSmuimm01}) and drug and checkup
 * information ({@code YZKsiquc01}/{@code TKKsiquc01}) are offered; card confirmations are the certified reader's (its
 * results arrive in {@code face}), so the card calls answer {@link UnavailableReason#NOT_OFFERED}. Pure queries are
 * asked again with a fresh request when no answer came in time; registrations never are (a late answer may still
 * register).
 */
public final class FolderEligibilityClient implements EligibilityClient, MedicalInformationClient {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));
    private static final DateTimeFormatter MEDICAL_TIME =
            DateTimeFormatter.ofPattern("uuMMddHHmm").withZone(ZoneId.of("Asia/Tokyo"));

    private final FolderSettings settings;
    private final FolderCall call;
    private final Clock clock;

    public FolderEligibilityClient(FolderSettings settings, Clock clock) {
        this.settings = settings;
        this.call = new FolderCall(settings, clock);
        this.clock = clock;
    }

    @Override
    public String institutionCode() {
        return settings.institutionCode();
    }

    private static Unavailable notOffered(String what) {
        return new Unavailable(
                UnavailableReason.NOT_OFFERED, what + ": the certified reader confirms cards, not the folders backend");
    }

    @Override
    public NonceOutcome nonce() {
        return notOffered("nonce");
    }

    @Override
    public ConfirmationOutcome confirmByCard(CardConfirmationRequest request) {
        return notOffered("card confirmation");
    }

    @Override
    public RegistrationOutcome registerForInsuranceUse(InsuranceUseRegistration registration) {
        return notOffered("保険証利用登録");
    }

    @Override
    public RegistrationOutcome registerByProof(CardConfirmationRequest proof) {
        return notOffered("保険証利用登録");
    }

    @Override
    public PasscodeOutcome visualCheckPasscode(String staffId) {
        return notOffered("visual-check passcode");
    }

    @Override
    public ConfirmationOutcome confirmByInsurance(InsuranceSearch search) {
        return retried(() -> {
            String id = FolderCall.newId(now());
            byte[] xml = QualificationXml.writeSearch(search, institutionCode(), id, now());
            return switch (call.exchange("OQSsiquc01", id, encoded(xml), FolderEligibilityClient::outcomeOf)) {
                case FolderCall.Outcome.Value<ConfirmationOutcome>(ConfirmationOutcome outcome) -> outcome;
                case FolderCall.Outcome.Refused<ConfirmationOutcome>(String reason) -> invalid(reason);
                case FolderCall.Outcome.Failed<ConfirmationOutcome>(Unavailable u) -> u;
            };
        });
    }

    /** Not retried: a second upload would be a second batch. */
    @Override
    public BatchSubmission submitBatch(List<InsuranceSearch> searches) {
        String id = FolderCall.newId(now());
        byte[] xml = QualificationXml.writeBatchRequest(searches, institutionCode(), now());
        return switch (call.exchange(
                "OQSmuquc01",
                id,
                encoded(xml),
                (name, bytes) -> parsed(() -> SafeXml.required(SafeXml.parse(bytes), "ReceptionNumber")))) {
            case FolderCall.Outcome.Value<String>(String reception) -> new BatchSubmission.Accepted(reception);
            case FolderCall.Outcome.Refused<String>(String reason) ->
                new Unavailable(UnavailableReason.SERVER_ERROR, "一括照会 refused by the 連携アプリ: " + reason);
            case FolderCall.Outcome.Failed<String>(Unavailable u) -> u;
        };
    }

    @Override
    public BatchStatus batchStatus(String receptionNumber) {
        return retried(() -> {
            String id = FolderCall.newId(now());
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?><XmlMsg><MessageHeader>"
                    + "<MedicalInstitutionCode>" + institutionCode() + "</MedicalInstitutionCode>"
                    + "<ArbitraryFileIdentifier>" + id + "</ArbitraryFileIdentifier>"
                    + "<CharacterCodeIdentifier>0</CharacterCodeIdentifier></MessageHeader><MessageBody>"
                    + "<ReceptionNumber>" + receptionNumber.replaceAll("[^0-9A-Za-z-]", "")
                    + "</ReceptionNumber></MessageBody></XmlMsg>";
            return switch (call.exchange(
                    "OQSmuquc02",
                    id,
                    encoded(xml.getBytes(StandardCharsets.UTF_8)),
                    (name, bytes) -> parsed(() -> QualificationXml.parseBatchStatus(bytes)))) {
                case FolderCall.Outcome.Value<BatchStatus>(BatchStatus status) -> status;
                case FolderCall.Outcome.Refused<BatchStatus>(String reason) ->
                    new BatchStatus.Failed(receptionNumber, reason);
                case FolderCall.Outcome.Failed<BatchStatus>(Unavailable u) -> u;
            };
        });
    }

    @Override
    public List<RegistrationOutcome> registerReferenceNumbers(List<ReferenceRegistration> registrations) {
        if (registrations.isEmpty()) {
            return List.of();
        }
        String id = FolderCall.newId(now());
        String prefix = registrations.size() == 1 ? "OQSsiimm01" : "OQSmuimm01";
        byte[] xml = ServiceXml.writeReferenceRequest(registrations, institutionCode(), now());
        return switch (call.exchange(
                prefix, id, encoded(xml), (name, bytes) -> parsed(() -> ServiceXml.parseReferenceResults(bytes)))) {
            case FolderCall.Outcome.Value<List<RegistrationOutcome>>(List<RegistrationOutcome> outcomes)
            when outcomes.size() == registrations.size() -> outcomes;
            case FolderCall.Outcome.Value<List<RegistrationOutcome>>(List<RegistrationOutcome> outcomes) ->
                Collections.nCopies(
                        registrations.size(),
                        new Unavailable(
                                UnavailableReason.MALFORMED_RESPONSE,
                                outcomes.size() + " results for " + registrations.size() + " registrations"));
            case FolderCall.Outcome.Refused<List<RegistrationOutcome>>(String reason) ->
                Collections.nCopies(
                        registrations.size(),
                        new RegistrationOutcome.Rejected(
                                RejectionReason.REQUEST_INVALID,
                                ResultCodes.codeOf(RejectionReason.REQUEST_INVALID),
                                reason));
            case FolderCall.Outcome.Failed<List<RegistrationOutcome>>(Unavailable u) ->
                Collections.nCopies(registrations.size(), u);
        };
    }

    // ---- medical information ---------------------------------------------------------------------------------------

    @Override
    public MedicalOutcome<MedicalRecords> medicalRecords(MedicalQuery query) {
        return medical(
                query,
                query.withTreatments() ? "04" : "02",
                (name, bytes) -> parsed(() -> switch (MedicalXml.parseAnswer(bytes)) {
                            case MedicalXml.Answer.Served served -> served.outcome();
                            case MedicalXml.Answer.Refused refused -> refused.<MedicalRecords>outcome();
                        })
                        .or(() -> officialRefusal(bytes)));
    }

    @Override
    public MedicalOutcome<MedicalPdf> medicalPdf(MedicalQuery query) {
        return medical(query, query.withTreatments() ? "03" : "01", (name, bytes) -> {
            if (name.endsWith(".pdf")) {
                return Optional.of(new MedicalOutcome.Found<>(new MedicalPdf(query.category(), bytes), null));
            }
            return parsed(() -> switch (MedicalXml.parseAnswer(bytes)) {
                        case MedicalXml.Answer.Served served ->
                            new MedicalOutcome.NotAnswered<MedicalPdf>(new Unavailable(
                                    UnavailableReason.MALFORMED_RESPONSE, "records where a PDF was asked for"));
                        case MedicalXml.Answer.Refused refused -> refused.<MedicalPdf>outcome();
                    })
                    .or(() -> officialRefusal(bytes));
        });
    }

    /**
     * A refusal as the 連携アプリ itself words it: a {@code ResultCode} other than 1 and its {@code MessageContents}, without
     * the reason elements Uketsuke's own answers add (docs/spec-notes/face-files.md#public-samples). Without this it
     * would be taken for an answer still being written until the timeout, and its message lost.
     */
    private static <T> Optional<MedicalOutcome<T>> officialRefusal(byte[] bytes) {
        try {
            Document answer = SafeXml.parse(bytes);
            return SafeXml.text(answer, "ResultCode")
                    .filter(code -> !code.equals("1"))
                    .map(code -> new MedicalOutcome.NotAnswered<>(new Unavailable(
                            UnavailableReason.SERVER_ERROR,
                            "ResultCode " + code + ": "
                                    + SafeXml.text(answer, "MessageContents").orElse(""))));
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }

    /** {@code YZKsiquc01} for drugs, {@code TKKsiquc01} for checkups; the name starts with the FileCategory. */
    private <T> MedicalOutcome<T> medical(
            MedicalQuery query, String fileCategory, FolderCall.Reader<MedicalOutcome<T>> reader) {
        String prefix = switch (query.category()) {
            case DRUG -> "YZKsiquc01";
            case CHECKUP -> "TKKsiquc01";
            default -> null;
        };
        if (prefix == null) {
            return new MedicalOutcome.NotAnswered<>(new Unavailable(
                    UnavailableReason.NOT_OFFERED,
                    query.category() + " information is not asked through the 連携アプリ's folders"));
        }
        MedicalOutcome<T> last = null;
        for (int attempt = 0; attempt < settings.attempts(); attempt++) {
            String id = fileCategory + MEDICAL_TIME.format(clock.instant()) + FolderCall.newId("");
            byte[] xml = MedicalXml.writeRequest(
                    withIdentifier(query, id), institutionCode(), fileCategory, settings.characterCode());
            last = switch (call.exchange(prefix, id, xml, reader)) {
                case FolderCall.Outcome.Value<MedicalOutcome<T>>(MedicalOutcome<T> outcome) -> outcome;
                case FolderCall.Outcome.Refused<MedicalOutcome<T>>(String reason) ->
                    new MedicalOutcome.NotAnswered<>(new Unavailable(
                            UnavailableReason.MALFORMED_RESPONSE, "the 連携アプリ refused the request: " + reason));
                case FolderCall.Outcome.Failed<MedicalOutcome<T>>(Unavailable u) -> new MedicalOutcome.NotAnswered<>(u);
            };
            if (!(last instanceof MedicalOutcome.NotAnswered<T>(Unavailable u) && retryable(u))) {
                return last;
            }
        }
        return last;
    }

    private static MedicalQuery withIdentifier(MedicalQuery query, String id) {
        return query.arbitraryFileIdentifier().isEmpty() ? query.withArbitraryFileIdentifier(id) : query;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Asks again while the answer was a timeout or unreadable, up to the configured attempts. */
    private <T> T retried(Supplier<T> ask) {
        T last = ask.get();
        for (int attempt = 1;
                attempt < settings.attempts() && last instanceof Unavailable u && retryable(u);
                attempt++) {
            last = ask.get();
        }
        return last;
    }

    /** A request the 連携アプリ never took will not be taken on a second try either. */
    private static boolean retryable(Unavailable u) {
        return (u.reason() == UnavailableReason.TIMEOUT && u.diagnostic().startsWith("no answer"))
                || u.reason() == UnavailableReason.MALFORMED_RESPONSE;
    }

    private static Optional<ConfirmationOutcome> outcomeOf(String name, byte[] bytes) {
        return parsed(() -> QualificationXml.outcomeOf(bytes));
    }

    private interface Parse<T> {
        T parse() throws MalformedMessageException;
    }

    /** An answer that does not parse is taken for one still being written: empty, read again at the next poll. */
    private static <T> Optional<T> parsed(Parse<T> parse) {
        try {
            return Optional.of(parse.parse());
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }

    private static ConfirmationOutcome invalid(String reason) {
        return new ConfirmationOutcome.Rejected(
                RejectionReason.REQUEST_INVALID, ResultCodes.codeOf(RejectionReason.REQUEST_INVALID), reason);
    }

    private byte[] encoded(byte[] utf8) {
        return ResultBytes.in(utf8, settings.characterCode());
    }

    private String now() {
        return TIME.format(clock.instant());
    }
}
