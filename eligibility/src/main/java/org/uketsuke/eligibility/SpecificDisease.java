package org.uketsuke.eligibility;

/** 特定疾病 (長期高額疾病): the diseases with a monthly self-pay cap. */
public enum SpecificDisease {
    /** 人工透析を実施している慢性腎不全. */
    CHRONIC_RENAL_FAILURE_DIALYSIS("1"),
    /** 血漿分画製剤を投与している先天性血液凝固因子障害. */
    CONGENITAL_CLOTTING_FACTOR_DISORDER("2"),
    /** 抗ウイルス剤を投与している後天性免疫不全症候群（血液凝固因子製剤の投与に起因する HIV 感染者）. */
    HIV_FROM_CLOTTING_PRODUCTS("3");

    private final String code;

    SpecificDisease(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SpecificDisease ofCode(String code) {
        for (SpecificDisease d : values()) {
            if (d.code.equals(code == null ? "" : code.strip().replaceFirst("^0+(?=.)", ""))) {
                return d;
            }
        }
        throw new InvalidValueException("SpecificDiseasesDiseaseCategory", "unknown code " + code);
    }
}
