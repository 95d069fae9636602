package org.uketsuke.eligibility;

import java.time.LocalDate;

/**
 * 限度額適用認定証 information, returned only when the patient consented.
 *
 * @param classification OQSCD011: 01 限度額適用認定証, 02 限度額適用・標準負担額減額認定証, 03 標準負担額減額認定証
 */
public record LimitCertificate(
        String classification, LimitCategory category, LocalDate validStart, LocalDate validEnd) {

    public LimitCertificate {
        if (classification == null || !classification.matches("0[123]")) {
            throw new InvalidValueException("LimitApplicationCertificateClassification", "must be 01, 02 or 03");
        }
    }
}
