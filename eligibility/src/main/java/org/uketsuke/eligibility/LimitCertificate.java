package org.uketsuke.eligibility;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * 限度額適用認定証 information, returned only when the patient consented.
 *
 * @param classification OQSCD011: 01 限度額適用認定証, 02 限度額適用・標準負担額減額認定証, 03 標準負担額減額認定証
 * @param certificateDate 交付年月日 ({@code LimitApplicationCertificateDate}), or null
 * @param longTermDate 長期入院該当年月日 ({@code LimitApplicationCertificateLongTermDate}), or null
 */
public record LimitCertificate(
        String classification,
        LimitCategory category,
        @Nullable LocalDate certificateDate,
        LocalDate validStart,
        LocalDate validEnd,
        @Nullable LocalDate longTermDate) {

    private static final Pattern CLASSIFICATION = Pattern.compile("0[123]");

    /** A certificate without its issue and long-term dates. */
    public LimitCertificate(String classification, LimitCategory category, LocalDate validStart, LocalDate validEnd) {
        this(classification, category, null, validStart, validEnd, null);
    }

    public LimitCertificate {
        if (classification == null || !CLASSIFICATION.matcher(classification).matches()) {
            throw new InvalidValueException("LimitApplicationCertificateClassification", "must be 01, 02 or 03");
        }
    }
}
