package org.uketsuke.eligibility;

/** 性別 (OQSCD007): 1 male, 2 female, 3 not set. */
public enum Sex {
    MALE("1"),
    FEMALE("2"),
    NOT_SET("3");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Sex ofCode(String code) {
        for (Sex sex : values()) {
            if (sex.code.equals(code == null ? "" : code.strip())) {
                return sex;
            }
        }
        throw new InvalidValueException("Sex", "unknown code " + code);
    }
}
