package org.uketsuke.eligibility;

/** 限度額適用区分 (OQSCD012): under 70 ア–オ, 70 and over 現役並み–低所得. */
public enum LimitCategory {
    A01("ア"),
    A02("イ"),
    A03("ウ"),
    A04("エ"),
    A05("オ"),
    A06("オ（境）"),
    B01("現役並みⅢ"),
    B02("現役並みⅡ"),
    B03("現役並みⅠ"),
    B04("一般"),
    B05("低所得Ⅱ"),
    B06("低所得Ⅰ"),
    B07("低所得Ⅰ（老福）"),
    B08("低所得Ⅰ（境）"),
    B09("一般Ⅱ"),
    B10("一般Ⅰ");

    private final String japaneseName;

    LimitCategory(String japaneseName) {
        this.japaneseName = japaneseName;
    }

    public String japaneseName() {
        return japaneseName;
    }

    public static LimitCategory ofCode(String code) {
        try {
            return valueOf(code == null ? "" : code.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("LimitApplicationCertificateClassificationFlag", "unknown code " + code);
        }
    }
}
