package org.uketsuke.eligibility;

import java.time.LocalDate;

/** 特定疾病療養受療証 information: the disease, validity and the monthly self-pay cap in yen (e.g. 10,000). */
public record SpecificDiseaseCertificate(
        SpecificDisease disease,
        @Nullable LocalDate certificateDate,
        LocalDate validStart,
        LocalDate validEnd,
        int selfPayYen) {

    /** A certificate without its issue date ({@code SpecificDiseasesCertificateDate}). */
    public SpecificDiseaseCertificate(
            SpecificDisease disease, LocalDate validStart, LocalDate validEnd, int selfPayYen) {
        this(disease, null, validStart, validEnd, selfPayYen);
    }

    public SpecificDiseaseCertificate {
        if (selfPayYen < 0) {
            throw new InvalidValueException("SpecificDiseasesSelfPay", "negative");
        }
    }
}
