package org.uketsuke.eligibility;

import java.util.Objects;

/**
 * What the patient agreed to share at the reader (OQSCD016 per item): drug history (薬剤情報), specific health
 * checkups (特定健診情報), treatment (診療情報), operations (手術情報), 限度額適用認定証 information and 特定疾病
 * information. The last two decide whether those blocks come back with the qualification at all.
 */
public record Consents(
        Consent drug,
        Consent checkup,
        Consent treatment,
        Consent operation,
        Consent limitInfo,
        Consent specificDisease) {

    public Consents {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(checkup, "checkup");
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(limitInfo, "limitInfo");
        Objects.requireNonNull(specificDisease, "specificDisease");
    }

    /** Nothing asked yet: every item "could not be obtained". */
    public static Consents none() {
        return all(Consent.NOT_OBTAINED);
    }

    public static Consents all(Consent answer) {
        return new Consents(answer, answer, answer, answer, answer, answer);
    }
}
