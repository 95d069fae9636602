package org.uketsuke.eligibility;

/**
 * What a consent flag of a result is about (docs/spec-notes/eligibility.md#message-shape): the four medical-information
 * categories, the 限度額 and 特定疾病 blocks, and the 電子カルテ情報共有サービス's 6情報 (one consent for the six).
 *
 * @param expiring whether the system sends an expiry (…AcquisitionTime) with the flag
 */
public enum ConsentKind {
    SPECIFIC_HEALTH_CHECKUPS(true),
    PHARMACEUTICAL(true),
    DIAGNOSIS(true),
    OPERATION(true),
    CLINICAL_SIX(true),
    LIMIT_APPLICATION(false),
    SPECIFIC_DISEASES(false);

    private final boolean expiring;

    ConsentKind(boolean expiring) {
        this.expiring = expiring;
    }

    public boolean expiring() {
        return expiring;
    }
}
