package org.uketsuke.eligibility.medical;

import java.time.LocalDate;
import java.util.Objects;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;

/**
 * The patient a medical-information answer is about, as its header carries it (docs/spec-notes/results.md, "Drug and
 * checkup answers"): a レセコン files the records under this person without matching the request again.
 *
 * @param nameKana half-width katakana as in the messages
 */
public record MedicalPatient(String name, String nameKana, LocalDate birthdate, Sex sex) {

    public MedicalPatient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthdate, "birthdate");
        Objects.requireNonNull(sex, "sex");
        nameKana = nameKana == null ? "" : nameKana;
    }

    /** The person a qualification names. */
    public static MedicalPatient of(Qualification person) {
        return new MedicalPatient(person.name(), person.nameKana(), person.birthdate(), person.sex());
    }
}
