package org.uketsuke.eligibility.medical;

import java.util.Optional;

/**
 * The 特定健診 result items Uketsuke shows, with their item codes of the MHLW 特定健診 XML standard (JLAC10 style,
 * 17 characters; the official result carries them as {@code ItemCode}). BMI and waist codes are unconfirmed against
 * the current code table.
 */
public enum CheckupItem {
    BMI("9N011000000000001", "BMI", "kg/m2"),
    WAIST("9N016160100000001", "腹囲", "cm"),
    SYSTOLIC_BP("9A751000000000001", "収縮期血圧", "mmHg"),
    DIASTOLIC_BP("9A761000000000001", "拡張期血圧", "mmHg"),
    HBA1C("3D046000001920402", "HbA1c（NGSP）", "%"),
    FASTING_GLUCOSE("3D010000001927201", "空腹時血糖", "mg/dL"),
    LDL("3F077000002327101", "LDLコレステロール", "mg/dL"),
    HDL("3F070000002327101", "HDLコレステロール", "mg/dL"),
    TRIGLYCERIDES("3F015000002327101", "中性脂肪", "mg/dL"),
    AST("3B035000002327201", "AST(GOT)", "U/L"),
    ALT("3B045000002327201", "ALT(GPT)", "U/L"),
    GGT("3B090000002327101", "γ-GTP", "U/L");

    private final String code;
    private final String nameJa;
    private final String unit;

    CheckupItem(String code, String nameJa, String unit) {
        this.code = code;
        this.nameJa = nameJa;
        this.unit = unit;
    }

    public String code() {
        return code;
    }

    /** The item's name as the 特定健診 XML standard writes it ({@code ItemName}). */
    public String nameJa() {
        return nameJa;
    }

    public String unit() {
        return unit;
    }

    /** The item with that code, if Uketsuke knows it (other items are kept out of the typed view). */
    public static Optional<CheckupItem> ofCode(String code) {
        for (CheckupItem item : values()) {
            if (item.code.equals(code == null ? "" : code.strip())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
