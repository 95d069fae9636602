package org.uketsuke.eligibility.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationValidity;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;

/**
 * A qualification-confirmation result ({@code XmlMsg} with {@code MessageHeader} and {@code MessageBody}), as the
 * national system answers and as the 連携アプリ drops it into the {@code face}/{@code res} folders.
 *
 * @param segmentOfResult 1 normal, 2 processing, 9 abnormal (header-level)
 * @param processingResultStatus 1 normal, 2 error (body-level)
 * @param qualificationValidity 1 valid, 2 invalid, 3 invalid (newer exists), 4 none, 5 several, 6 valid not registered
 * @param prescriptionIssueSelect the patient's prescription-form choice (1 electronic, 2 paper), or null when not asked
 */
public record ResultMessage(
        String processExecutionTime,
        String qualificationConfirmationDate,
        String medicalInstitutionCode,
        String arbitraryFileIdentifier,
        String referenceClassification,
        String segmentOfResult,
        String errorCode,
        String errorMessage,
        CharacterCode characterCode,
        String processingResultStatus,
        String processingResultCode,
        String processingResultMessage,
        String qualificationValidity,
        List<Qualification> qualifications,
        String prescriptionIssueSelect) {

    public ResultMessage {
        Objects.requireNonNull(processExecutionTime, "ProcessExecutionTime");
        Objects.requireNonNull(characterCode, "CharacterCodeIdentifier");
        qualifications = List.copyOf(qualifications);
    }

    /**
     * A normal answer with one valid qualification: {@code QualificationValidity} 1, or 6 有効（未登録） for 医療扶助 without a
     * registered 医療券/調剤券 (docs/spec-notes/pmh.md#medical-aid).
     */
    public static ResultMessage confirmed(
            String processExecutionTime,
            String institution,
            String fileId,
            Qualification qualification,
            String notice) {
        QualificationValidity validity = qualification.particulars().medicalAidWithoutTicket()
                ? QualificationValidity.VALID_NOT_REGISTERED
                : QualificationValidity.VALID;
        return answer(
                processExecutionTime,
                institution,
                fileId,
                "1",
                notice == null ? null : ResultCodes.NOTICE,
                notice,
                validity.code(),
                List.of(qualification));
    }

    /**
     * A normal answer listing several valid qualifications (QualificationValidity 1), as a face file of a clinic-side
     * program grouping one patient's — or several patients' — results (docs/spec-notes/face-files.md#public-samples).
     */
    public static ResultMessage listing(
            String processExecutionTime, String institution, String fileId, List<Qualification> qualifications) {
        return answer(
                processExecutionTime,
                institution,
                fileId,
                "1",
                null,
                null,
                QualificationValidity.VALID.code(),
                qualifications);
    }

    /**
     * The result message that tells a レセコン this outcome, or empty for {@link Unavailable}
     * (the system gave no answer to pass on). A rejection keeps the code it came with.
     *
     * @param processExecutionTime used for a rejection; a confirmation keeps its own processing time
     */
    public static Optional<ResultMessage> of(
            ConfirmationOutcome outcome, String processExecutionTime, String institution, String fileId) {
        return switch (outcome) {
            case ConfirmationOutcome.Confirmed c ->
                Optional.of(confirmed(c.processingTime(), institution, fileId, c.qualification(), c.notice()));
            case ConfirmationOutcome.Rejected r ->
                Optional.of(rejected(processExecutionTime, institution, fileId, r.reason(), r.code(), r.message()));
            case Unavailable u -> Optional.empty();
        };
    }

    /** A normal answer without a valid qualification, or a processing error, for a reason. */
    public static ResultMessage rejected(
            String processExecutionTime, String institution, String fileId, RejectionReason reason, String message) {
        return rejected(processExecutionTime, institution, fileId, reason, null, message);
    }

    /** As {@link #rejected(String, String, String, RejectionReason, String)}, with the code the system sent (or null). */
    public static ResultMessage rejected(
            String processExecutionTime,
            String institution,
            String fileId,
            RejectionReason reason,
            String code,
            String message) {
        String validity = switch (reason) {
            case NO_QUALIFICATION, NOT_REGISTERED -> "4";
            case QUALIFICATION_LOST -> "2";
            default -> null;
        };
        String status = validity == null ? "2" : "1";
        return answer(
                processExecutionTime,
                institution,
                fileId,
                status,
                code == null ? ResultCodes.codeOf(reason) : code,
                message,
                validity,
                List.of());
    }

    /** An answer of a card confirmation (照会区分 1, SegmentOfResult 1, UTF-8) with this body. */
    private static ResultMessage answer(
            String processExecutionTime,
            String institution,
            String fileId,
            String status,
            String code,
            String message,
            String validity,
            List<Qualification> qualifications) {
        return new ResultMessage(
                processExecutionTime,
                processExecutionTime.substring(0, 8),
                institution,
                fileId,
                "1",
                "1",
                null,
                null,
                CharacterCode.UTF_8,
                status,
                code,
                message,
                validity,
                qualifications,
                null);
    }

    /** The same answer with another 照会区分 (1 card, 2 insurance-card information). */
    public ResultMessage withReferenceClassification(String classification) {
        return with(classification, characterCode, qualificationValidity, prescriptionIssueSelect);
    }

    public ResultMessage withCharacterCode(CharacterCode code) {
        return with(referenceClassification, code, qualificationValidity, prescriptionIssueSelect);
    }

    /** The same answer with another {@code QualificationValidity} (e.g. 3: a newer qualification exists). */
    public ResultMessage withQualificationValidity(String validity) {
        return with(referenceClassification, characterCode, validity, prescriptionIssueSelect);
    }

    /** The same answer carrying the patient's {@code PrescriptionIssueSelect} (or null). */
    public ResultMessage withPrescriptionIssueSelect(String select) {
        return with(referenceClassification, characterCode, qualificationValidity, select);
    }

    private ResultMessage with(String classification, CharacterCode code, String validity, String select) {
        return new ResultMessage(
                processExecutionTime,
                qualificationConfirmationDate,
                medicalInstitutionCode,
                arbitraryFileIdentifier,
                classification,
                segmentOfResult,
                errorCode,
                errorMessage,
                code,
                processingResultStatus,
                processingResultCode,
                processingResultMessage,
                validity,
                qualifications,
                select);
    }

    /** 1 有効, or 6 有効（未登録） (医療扶助): both confirm the listed qualification. */
    private boolean validQualification() {
        return QualificationValidity.VALID.code().equals(qualificationValidity)
                || QualificationValidity.VALID_NOT_REGISTERED.code().equals(qualificationValidity);
    }

    /** What this answer means to the terminal. */
    public ConfirmationOutcome toOutcome() {
        if (!"1".equals(segmentOfResult)) {
            return new Unavailable(
                    UnavailableReason.SERVER_ERROR,
                    "SegmentOfResult " + segmentOfResult + " " + errorCode + " " + errorMessage);
        }
        if ("1".equals(processingResultStatus) && validQualification() && !qualifications.isEmpty()) {
            return new ConfirmationOutcome.Confirmed(
                    qualifications.getFirst(), processExecutionTime, processingResultMessage);
        }
        RejectionReason reason = ResultCodes.reasonOf(processingResultCode)
                .orElse(
                        switch (String.valueOf(qualificationValidity)) {
                            case "2", "3" -> RejectionReason.QUALIFICATION_LOST;
                            case "4" -> RejectionReason.NO_QUALIFICATION;
                            default -> RejectionReason.REQUEST_INVALID;
                        });
        return new ConfirmationOutcome.Rejected(reason, processingResultCode, processingResultMessage);
    }
}
