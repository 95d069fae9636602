package org.uketsuke.eligibility;

import java.time.LocalDate;

/**
 * One confirmed qualification ({@code ResultOfQualificationConfirmation}): whose insurance, which insurance, and what
 * the patient pays. Names are as the system returns them (full-width space between family and given name).
 *
 * @param nameKana half-width katakana as in the messages
 * @param qualificationDate 資格取得年月日
 * @param details 高齢受給者, 限度額, 特定疾病 and 公費 blocks
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
        QualificationDetails details) {

    /** A qualification without optional blocks. */
    public Qualification(InsuranceCardId card, String insurerName, String name, String nameKana, LocalDate birthdate,
            Sex sex, PersonalFamily personalFamily, ContributionRatio contributionRatio, LocalDate qualificationDate) {
        this(card, insurerName, name, nameKana, birthdate, sex, personalFamily, contributionRatio, qualificationDate,
                QualificationDetails.none());
    }

    public Qualification {
        details = details == null ? QualificationDetails.none() : details;
        if (card == null || contributionRatio == null || birthdate == null) {
            throw new InvalidValueException("ResultOfQualificationConfirmation", "insurance, birth date and ratio are required");
        }
        insurerName = insurerName == null ? "" : insurerName;
        name = name == null ? "" : name;
        nameKana = nameKana == null ? "" : nameKana;
    }
}
