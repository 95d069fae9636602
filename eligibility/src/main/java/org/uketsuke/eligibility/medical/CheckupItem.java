package org.uketsuke.eligibility.medical;

/**
 * The 特定健診 result items Uketsuke shows, with their item codes of the MHLW 特定健診 XML standard (JLAC10 style,
 * 17 characters; the official result carries them as {@code ItemCode}). BMI and waist codes are unconfirmed against
 * the current code table.
 */
public enum CheckupItem {
    BMI("9N011000000000001", "BMI", "BMI", "kg/m2"),
    WAIST("9N016160100000001", "腹囲", "Waist", "cm"),
    SYSTOLIC_BP("9A751000000000001", "収縮期血圧", "Systolic BP", "mmHg"),
    DIASTOLIC_BP("9A761000000000001", "拡張期血圧", "Diastolic BP", "mmHg"),
    HBA1C("3D046000001920402", "HbA1c（NGSP）", "HbA1c (NGSP)", "%"),
    FASTING_GLUCOSE("3D010000001927201", "空腹時血糖", "Fasting glucose", "mg/dL"),
    LDL("3F077000002327101", "LDLコレステロール", "LDL cholesterol", "mg/dL"),
    HDL("3F070000002327101", "HDLコレステロール", "HDL cholesterol", "mg/dL"),
    TRIGLYCERIDES("3F015000002327101", "中性脂肪", "Triglycerides", "mg/dL"),
    AST("3B035000002327201", "AST(GOT)", "AST (GOT)", "U/L"),
    ALT("3B045000002327201", "ALT(GPT)", "ALT (GPT)", "U/L"),
    GGT("3B090000002327101", "γ-GTP", "γ-GTP", "U/L");

    private final String code;
    private final String nameJa;
    private final String nameEn;
    private final String unit;

    CheckupItem(String code, String nameJa, String nameEn, String unit) {
        this.code = code;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
        this.unit = unit;
    }

    public String code() {
        return code;
    }

    public String nameJa() {
        return nameJa;
    }

    public String nameEn() {
        return nameEn;
    }

    public String unit() {
        return unit;
    }

    public String name(java.util.Locale locale) {
        return "ja".equals(locale.getLanguage()) ? nameJa : nameEn;
    }

    /** The item with that code, if Uketsuke knows it (other items are kept out of the typed view). */
    public static java.util.Optional<CheckupItem> ofCode(String code) {
        for (CheckupItem item : values()) {
            if (item.code.equals(code == null ? "" : code.strip())) {
                return java.util.Optional.of(item);
            }
        }
        return java.util.Optional.empty();
    }
}
