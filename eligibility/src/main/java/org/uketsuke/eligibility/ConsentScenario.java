package org.uketsuke.eligibility;

/**
 * Under which 診療区分 (OQSCD028) a consent was given, since each has its own rules for how long it lasts and who
 * may view: 1 outpatient (外来), 2 home visit (訪問診療), 3 online consultation (オンライン診療), 4 emergency
 * (救急時医療情報閲覧, where viewing is possible without the patient's consent at the reader).
 */
public enum ConsentScenario implements WireCode {
    OUTPATIENT("1"),
    HOME_VISIT("2"),
    ONLINE("3"),
    EMERGENCY("4");

    private final String code;

    ConsentScenario(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static ConsentScenario ofCode(String code) {
        return WireCode.of(ConsentScenario.class, code, "MedicalTreatmentFlag");
    }
}
