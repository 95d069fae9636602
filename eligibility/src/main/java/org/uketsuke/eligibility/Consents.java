package org.uketsuke.eligibility;

import java.util.Objects;

/**
 * What the patient agreed to share at the reader (OQSCD016 per item): drug history (薬剤情報), specific health
 * checkups (特定健診情報), treatment (診療情報), operations (手術情報), 限度額適用認定証 information, 特定疾病
 * information and the 電子カルテ情報共有サービス's 6情報 (傷病名, 感染症, アレルギー, 薬剤アレルギー, 検査, 処方; one answer
 * for the six). Since the reader release of 2024-10-07 the 限度額 information is no longer asked but always provided
 * ({@link #answered}; docs/spec-notes/consents.md). {@code subsidy} answers 「医療費助成の各種受給者証を利用しますか」, asked
 * only where the clinic takes part in PMH ({@link #withSubsidy}; docs/spec-notes/pmh.md); {@link Consent#NOT_OBTAINED}
 * when not asked.
 */
public record Consents(
        Consent drug,
        Consent checkup,
        Consent treatment,
        Consent operation,
        Consent limitInfo,
        Consent specificDisease,
        Consent clinical,
        Consent subsidy) {

    public Consents {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(checkup, "checkup");
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(limitInfo, "limitInfo");
        Objects.requireNonNull(specificDisease, "specificDisease");
        Objects.requireNonNull(clinical, "clinical");
        Objects.requireNonNull(subsidy, "subsidy");
    }

    /** The answers of a reader that does not ask about PMH (a clinic not taking part). */
    public Consents(
            Consent drug,
            Consent checkup,
            Consent treatment,
            Consent operation,
            Consent limitInfo,
            Consent specificDisease,
            Consent clinical) {
        this(drug, checkup, treatment, operation, limitInfo, specificDisease, clinical, Consent.NOT_OBTAINED);
    }

    /** The same answers with the patient's answer to the PMH question. */
    public Consents withSubsidy(Consent answer) {
        return new Consents(drug, checkup, treatment, operation, limitInfo, specificDisease, clinical, answer);
    }

    /** Whether the PMH question was asked (the clinic takes part). */
    public boolean subsidyAsked() {
        return subsidy != Consent.NOT_OBTAINED;
    }

    /** The answers of a reader that does not ask about the 6情報 (before 2025-01): theirs "could not be obtained". */
    public Consents(
            Consent drug,
            Consent checkup,
            Consent treatment,
            Consent operation,
            Consent limitInfo,
            Consent specificDisease) {
        this(drug, checkup, treatment, operation, limitInfo, specificDisease, Consent.NOT_OBTAINED);
    }

    /**
     * The answers of the 2024-10-07 screen: the patient answers the viewing items, the 6情報 and 特定疾病; the 限度額
     * information is provided without a question.
     */
    public static Consents answered(
            Consent drug,
            Consent checkup,
            Consent treatment,
            Consent operation,
            Consent clinical,
            Consent specificDisease) {
        return new Consents(drug, checkup, treatment, operation, Consent.YES, specificDisease, clinical);
    }

    /** Nothing asked yet: every item "could not be obtained". */
    public static Consents none() {
        return all(Consent.NOT_OBTAINED);
    }

    /** Every information item answered alike; the PMH question is not asked. */
    public static Consents all(Consent answer) {
        return new Consents(answer, answer, answer, answer, answer, answer, answer);
    }
}
