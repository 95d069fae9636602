package org.uketsuke.eligibility.medical;

import java.util.Arrays;
import java.util.List;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;

/**
 * What a patient can consent to share at the reader, each with its own OQSCD016 flag in the confirmation: the four
 * kinds of medical information a clinic may view (薬剤, 特定健診, 診療, 手術) and the two certificate blocks that
 * come back with the qualification itself (限度額適用認定証, 特定疾病療養受療証).
 */
public enum MedicalCategory {
    /** 薬剤情報: dispensed drugs from claims (レセプト), about three years back. */
    DRUG("PharmaceuticalInfoConsFlg", true),
    /** 特定健診情報: specific health checkups registered by insurers, about five years back. */
    CHECKUP("SpecificHealthCheckupsInfoConsFlg", true),
    /** 診療情報: diagnoses and treatments from claims. */
    TREATMENT("DiagnosisInfoConsFlg", true),
    /** 手術情報: operations from claims. */
    OPERATION("OperationInfoConsFlg", true),
    /** 限度額適用認定証 information, returned with the qualification. */
    LIMIT_INFO("LimitApplicationCertificateRelatedConsFlg", false),
    /** 特定疾病 information, returned with the qualification. */
    SPECIFIC_DISEASE("SpecificDiseasesCertificateRelatedConsFlg", false);

    private final String consentFlag;
    private final boolean viewable;

    MedicalCategory(String consentFlag, boolean viewable) {
        this.consentFlag = consentFlag;
        this.viewable = viewable;
    }

    /** The element of the confirmation that carries this category's consent. */
    public String consentFlag() {
        return consentFlag;
    }

    /** True for the categories a clinic fetches and views on their own (not returned with the qualification). */
    public boolean viewable() {
        return viewable;
    }

    /** This category's answer in a set of consents. */
    public Consent of(Consents consents) {
        return switch (this) {
            case DRUG -> consents.drug();
            case CHECKUP -> consents.checkup();
            case TREATMENT -> consents.treatment();
            case OPERATION -> consents.operation();
            case LIMIT_INFO -> consents.limitInfo();
            case SPECIFIC_DISEASE -> consents.specificDisease();
        };
    }

    /** The four categories of medical information a clinic views (薬剤, 健診, 診療, 手術). */
    public static List<MedicalCategory> viewableCategories() {
        return Arrays.stream(values()).filter(MedicalCategory::viewable).toList();
    }
}
