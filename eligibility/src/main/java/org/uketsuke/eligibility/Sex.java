package org.uketsuke.eligibility;

/** 性別 (OQSCD007): 1 male, 2 female, 3 not set. */
public enum Sex implements WireCode {
    MALE("1"),
    FEMALE("2"),
    NOT_SET("3");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Sex ofCode(String code) {
        return WireCode.of(Sex.class, code, "Sex");
    }
}
