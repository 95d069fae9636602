package org.uketsuke.eligibility;

/**
 * What the patient agreed to share at the reader: drug history (薬剤情報), specific health checkups (特定健診情報),
 * treatment (診療情報), operations (手術情報), and 限度額適用認定証 information.
 */
public record Consents(Consent drug, Consent checkup, Consent treatment, Consent operation, Consent limitInfo) {

    /** Nothing asked yet: every item "could not be obtained". */
    public static Consents none() {
        return new Consents(
                Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_OBTAINED,
                Consent.NOT_OBTAINED);
    }
}
