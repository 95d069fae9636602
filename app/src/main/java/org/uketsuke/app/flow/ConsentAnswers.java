package org.uketsuke.app.flow;

/**
 * The patient's yes/no per item on the consent screen: drug history, specific health checkups, treatment and
 * operation information, 限度額 and 特定疾病 information. Plain booleans: the flow knows no wire codes.
 */
public record ConsentAnswers(
        boolean drug, boolean checkup, boolean treatment, boolean operation, boolean limitInfo, boolean specificDisease) {

    public static ConsentAnswers allYes() {
        return new ConsentAnswers(true, true, true, true, true, true);
    }

    public static ConsentAnswers allNo() {
        return new ConsentAnswers(false, false, false, false, false, false);
    }
}
