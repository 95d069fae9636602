package org.uketsuke.eligibility;

/** 本人/家族 (OQSCD009): 1 本人 (the insured), 2 家族 (a dependant). */
public enum PersonalFamily implements WireCode {
    INSURED("1"),
    DEPENDANT("2");

    private final String code;

    PersonalFamily(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static PersonalFamily ofCode(String code) {
        return WireCode.of(PersonalFamily.class, code, "PersonalFamilyClassification");
    }
}
