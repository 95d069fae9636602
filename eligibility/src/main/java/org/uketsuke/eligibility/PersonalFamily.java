package org.uketsuke.eligibility;

/** 本人/家族 (OQSCD009): 1 本人 (the insured), 2 家族 (a dependant). */
public enum PersonalFamily {
    INSURED("1"),
    DEPENDANT("2");

    private final String code;

    PersonalFamily(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static PersonalFamily ofCode(String code) {
        for (PersonalFamily value : values()) {
            if (value.code.equals(code == null ? "" : code.strip())) {
                return value;
            }
        }
        throw new InvalidValueException("PersonalFamilyClassification", "unknown code " + code);
    }
}
