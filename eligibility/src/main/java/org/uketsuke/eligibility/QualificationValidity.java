package org.uketsuke.eligibility;

/** {@code QualificationValidity}: what the system found for the person. */
public enum QualificationValidity {
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

    public String code() {
        return code;
    }

    public static QualificationValidity ofCode(String code) {
        for (QualificationValidity v : values()) {
            if (v.code.equals(code == null ? "" : code.strip())) {
                return v;
            }
        }
        throw new InvalidValueException("QualificationValidity", "unknown code " + code);
    }
}
