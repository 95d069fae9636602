package org.uketsuke.app.flow;

/**
 * The patient's yes/no per item on the consent screen: drug history, specific health checkups, treatment and
 * operation information, 限度額 and 特定疾病 information — and, when the clinic issues e-prescriptions, the
 * prescription form chosen on the same screen. Plain values: the flow knows no wire codes.
 */
public record ConsentAnswers(
        boolean drug, boolean checkup, boolean treatment, boolean operation, boolean limitInfo, boolean specificDisease,
        PrescriptionChoice prescription) {

    public ConsentAnswers {
        prescription = prescription == null ? PrescriptionChoice.NOT_ASKED : prescription;
    }

    /** The answers of a clinic that does not issue e-prescriptions (the form is not asked). */
    public ConsentAnswers(boolean drug, boolean checkup, boolean treatment, boolean operation, boolean limitInfo,
            boolean specificDisease) {
        this(drug, checkup, treatment, operation, limitInfo, specificDisease, PrescriptionChoice.NOT_ASKED);
    }

    public static ConsentAnswers allYes() {
        return new ConsentAnswers(true, true, true, true, true, true);
    }

    public static ConsentAnswers allNo() {
        return new ConsentAnswers(false, false, false, false, false, false);
    }

    /** The same answers with the patient's prescription-form choice. */
    public ConsentAnswers withPrescription(PrescriptionChoice choice) {
        return new ConsentAnswers(drug, checkup, treatment, operation, limitInfo, specificDisease, choice);
    }
}
