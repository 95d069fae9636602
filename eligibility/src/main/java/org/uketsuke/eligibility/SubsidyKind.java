package org.uketsuke.eligibility;

/**
 * Which 医療費助成 a PMH subsidy is (docs/spec-notes/pmh.md#subsidy-kinds): the municipal ones the public PMH pages
 * name (子ども, ひとり親, 重度心身障害者) and the national ones given through PMH (指定難病, 小児慢性特定疾病). The codes are
 * Uketsuke's own (*provisional*: no official code table is public).
 */
public enum SubsidyKind implements WireCode {
    CHILD("01"),
    SINGLE_PARENT("02"),
    DISABILITY("03"),
    INTRACTABLE_DISEASE("04"),
    PEDIATRIC_CHRONIC("05"),
    OTHER("99");

    private final String code;

    SubsidyKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static SubsidyKind ofCode(String code) {
        return WireCode.of(SubsidyKind.class, code, "MedicalSubsidyKind");
    }
}
