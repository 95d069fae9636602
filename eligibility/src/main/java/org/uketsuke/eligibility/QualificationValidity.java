package org.uketsuke.eligibility;

/**
 * {@code QualificationValidity} (OQSCD006): what the system found for the person. 6 有効（未登録） is used for 医療扶助 only
 * (docs/spec-notes/pmh.md#medical-aid): the qualification is valid, so it confirms like 1.
 */
public enum QualificationValidity implements WireCode {
    VALID("1"),
    INVALID("2"),
    INVALID_NEWER_EXISTS("3"),
    NONE("4"),
    SEVERAL("5"),
    VALID_NOT_REGISTERED("6");

    private final String code;

    QualificationValidity(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** Whether the person may be treated under the listed qualification (1, and 6 for 医療扶助). */
    public boolean valid() {
        return this == VALID || this == VALID_NOT_REGISTERED;
    }

    public static QualificationValidity ofCode(String code) {
        return WireCode.of(QualificationValidity.class, code, "QualificationValidity");
    }
}
