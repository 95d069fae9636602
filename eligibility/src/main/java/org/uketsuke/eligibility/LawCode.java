package org.uketsuke.eligibility;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * 法別番号: the first two digits of a 保険者番号 or 公費負担者番号, naming the law behind it. Names are those of
 * docs/spec-notes/eligibility.md#law-codes; unknown codes are valid but unnamed.
 */
public record LawCode(String code) {

    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("01", "協会けんぽ"),
            Map.entry("02", "船員保険"),
            Map.entry("06", "健康保険組合"),
            Map.entry("31", "国家公務員共済組合"),
            Map.entry("32", "地方公務員等共済組合"),
            Map.entry("33", "警察共済組合"),
            Map.entry("34", "公立学校・私立学校共済"),
            Map.entry("39", "後期高齢者医療"),
            Map.entry("10", "結核（感染症法）"),
            Map.entry("11", "結核（感染症法・入院）"),
            Map.entry("12", "生活保護"),
            Map.entry("15", "更生医療"),
            Map.entry("16", "育成医療"),
            Map.entry("19", "原爆"),
            Map.entry("21", "精神通院医療"),
            Map.entry("51", "特定疾患"),
            Map.entry("52", "小児慢性特定疾病"),
            Map.entry("54", "難病"));

    public LawCode {
        if (code == null || !TWO_DIGITS.matcher(code).matches()) {
            throw new InvalidValueException("LawCode", "must be 2 digits");
        }
    }

    public Optional<String> name() {
        return Optional.ofNullable(NAMES.get(code));
    }

    /** 公費 law codes (10–99 except the insurers' 31–34, 39). */
    public boolean publicExpense() {
        int n = Integer.parseInt(code);
        return n >= 10 && !(n >= 31 && n <= 34) && n != 39;
    }
}
