package org.uketsuke.eligibility;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One confirmed qualification ({@code ResultOfQualificationConfirmation}): whose insurance, which insurance, and what
 * the patient pays. Names are as the system returns them (full-width space between family and given name).
 *
 * @param nameKana half-width katakana as in the messages
 * @param qualificationDate 資格取得年月日
 * @param details 高齢受給者, 限度額, 特定疾病 and 公費 blocks
 * @param referenceNumber the 照会番号 the asking institution registered for this patient, if any
 * @param particulars every other element of the result (card kind, address, dates, consents, 医療扶助)
 */
public record Qualification(
        InsuranceCardId card,
        String insurerName,
        String name,
        String nameKana,
        LocalDate birthdate,
        Sex sex,
        PersonalFamily personalFamily,
        ContributionRatio contributionRatio,
        LocalDate qualificationDate,
        QualificationDetails details,
        Optional<ReferenceNumber> referenceNumber,
        ResultParticulars particulars) {

    /** A qualification with its optional blocks, no 照会番号 and no other particulars. */
    public Qualification(
            InsuranceCardId card,
            String insurerName,
            String name,
            String nameKana,
            LocalDate birthdate,
            Sex sex,
            PersonalFamily personalFamily,
            ContributionRatio contributionRatio,
            LocalDate qualificationDate,
            QualificationDetails details) {
        this(
                card,
                insurerName,
                name,
                nameKana,
                birthdate,
                sex,
                personalFamily,
                contributionRatio,
                qualificationDate,
                details,
                Optional.empty(),
                ResultParticulars.none());
    }

    /** A qualification without optional blocks. */
    public Qualification(
            InsuranceCardId card,
            String insurerName,
            String name,
            String nameKana,
            LocalDate birthdate,
            Sex sex,
            PersonalFamily personalFamily,
            ContributionRatio contributionRatio,
            LocalDate qualificationDate) {
        this(
                card,
                insurerName,
                name,
                nameKana,
                birthdate,
                sex,
                personalFamily,
                contributionRatio,
                qualificationDate,
                QualificationDetails.none());
    }

    public Qualification {
        details = details == null ? QualificationDetails.none() : details;
        referenceNumber = referenceNumber == null ? Optional.empty() : referenceNumber;
        particulars = particulars == null ? ResultParticulars.none() : particulars;
        if (card == null || contributionRatio == null || birthdate == null) {
            throw new InvalidValueException(
                    "ResultOfQualificationConfirmation", "insurance, birth date and ratio are required");
        }
        insurerName = insurerName == null ? "" : insurerName;
        name = name == null ? "" : name;
        nameKana = nameKana == null ? "" : nameKana;
    }

    /** The same qualification as answered to an institution that registered this 照会番号 (or none). */
    public Qualification withReferenceNumber(Optional<ReferenceNumber> reference) {
        return with(details, reference, particulars);
    }

    /** The same qualification with other optional blocks (e.g. only the consented ones). */
    public Qualification withDetails(QualificationDetails shown) {
        return with(shown, referenceNumber, particulars);
    }

    /** The same qualification with other particulars (e.g. the consents of this confirmation). */
    public Qualification withParticulars(ResultParticulars replaced) {
        return with(details, referenceNumber, replaced);
    }

    private Qualification with(
            QualificationDetails shown, Optional<ReferenceNumber> reference, ResultParticulars replaced) {
        return new Qualification(
                card,
                insurerName,
                name,
                nameKana,
                birthdate,
                sex,
                personalFamily,
                contributionRatio,
                qualificationDate,
                shown,
                reference,
                replaced);
    }
}
