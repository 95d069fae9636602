package org.uketsuke.eligibility;

/** Consent flag (OQSCD016): 0 no, 1 yes, 2 consent expired, 3 consent could not be obtained. */
public enum Consent implements WireCode {
    NO("0"),
    YES("1"),
    EXPIRED("2"),
    NOT_OBTAINED("3");

    private final String code;

    Consent(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Consent ofCode(String code) {
        return WireCode.of(Consent.class, code, "ConsFlg");
    }
}
