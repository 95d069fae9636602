package org.uketsuke.eligibility;

import java.util.List;
import java.util.Optional;

/**
 * The optional blocks of a qualification: 高齢受給者, 限度額 (consent-gated), 特定疾病 and 公費. Empty for most people.
 */
public record QualificationDetails(
        Optional<ElderlyRecipient> elderly,
        Optional<LimitCertificate> limit,
        List<SpecificDiseaseCertificate> specificDiseases,
        List<PublicExpense> publicExpenses) {

    public QualificationDetails {
        specificDiseases = List.copyOf(specificDiseases);
        publicExpenses = List.copyOf(publicExpenses);
    }

    public static QualificationDetails none() {
        return new QualificationDetails(Optional.empty(), Optional.empty(), List.of(), List.of());
    }
}
