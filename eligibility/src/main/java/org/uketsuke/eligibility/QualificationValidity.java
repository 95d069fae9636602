package org.uketsuke.eligibility;

/** {@code QualificationValidity}: what the system found for the person. */
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

    public static QualificationValidity ofCode(String code) {
        return WireCode.of(QualificationValidity.class, code, "QualificationValidity");
    }
}
