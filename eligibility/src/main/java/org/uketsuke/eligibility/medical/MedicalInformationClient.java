package org.uketsuke.eligibility.medical;

/**
 * The medical-information side of the qualification system (薬剤・特定健診・診療・手術情報): served only while the
 * patient's consent for that category is valid, which the server decides. Blocking; call off the UI thread. Never
 * throws for transport problems: they are {@link MedicalOutcome.NotAnswered}.
 */
public interface MedicalInformationClient {

    MedicalOutcome<MedicalRecords> medicalRecords(MedicalQuery query);

    MedicalOutcome<MedicalPdf> medicalPdf(MedicalQuery query);
}
