package org.uketsuke.eligibility;

import java.time.LocalDate;

/**
 * One confirmed qualification ({@code ResultOfQualificationConfirmation}): whose insurance, which insurance, and what
 * the patient pays. Names are as the system returns them (full-width space between family and given name).
 *
 * @param nameKana half-width katakana as in the messages
 * @param qualificationDate 資格取得年月日
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
        LocalDate qualificationDate) {

    public Qualification {
        if (card == null || contributionRatio == null || birthdate == null) {
            throw new InvalidValueException("ResultOfQualificationConfirmation", "insurance, birth date and ratio are required");
        }
        insurerName = insurerName == null ? "" : insurerName;
        name = name == null ? "" : name;
        nameKana = nameKana == null ? "" : nameKana;
    }
}
