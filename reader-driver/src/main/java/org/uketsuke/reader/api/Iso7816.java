package org.uketsuke.reader.api;

/** Instruction bytes and status words this driver uses (ISO/IEC 7816-4 and the card's proprietary class). */
public final class Iso7816 {

    private Iso7816() {}

    public static final int INS_SELECT = 0xA4;
    public static final int INS_READ_BINARY = 0xB0;
    public static final int INS_READ_RECORD = 0xB2;
    public static final int INS_VERIFY = 0x20;
    public static final int INS_GET_CHALLENGE = 0x84;
    public static final int INS_GET_RESPONSE = 0xC0;
    /** COMPUTE DIGITAL SIGNATURE, proprietary class 0x80 on this card. */
    public static final int INS_COMPUTE_SIGNATURE = 0x2A;

    public static final int P1_SELECT_BY_NAME = 0x04;
    public static final int P1_SELECT_EF = 0x02;

    public static final int SW_OK = 0x9000;
    public static final int SW_END_OF_FILE_WARNING = 0x6282;
    public static final int SW_WRONG_LENGTH = 0x6700;
    public static final int SW_SECURITY_NOT_SATISFIED = 0x6982;
    public static final int SW_AUTH_METHOD_BLOCKED = 0x6983;
    public static final int SW_REFERENCE_DATA_BLOCKED = 0x6984;
    public static final int SW_CONDITIONS_NOT_SATISFIED = 0x6985;
    public static final int SW_COMMAND_NOT_ALLOWED = 0x6986;
    public static final int SW_WRONG_DATA = 0x6A80;
    /** Referenced data not found: VERIFY of a PIN the card was issued without (docs/spec-notes/cards-2026.md). */
    public static final int SW_REFERENCE_DATA_NOT_FOUND = 0x6A88;

    public static final int SW_FILE_NOT_FOUND = 0x6A82;
    public static final int SW_RECORD_NOT_FOUND = 0x6A83;
    public static final int SW_WRONG_P1P2 = 0x6B00;
    public static final int SW_INS_NOT_SUPPORTED = 0x6D00;
    public static final int SW_CLA_NOT_SUPPORTED = 0x6E00;

    /** 63Cx: verification failed or counter query, x tries left. */
    public static boolean triesLeftStatus(int sw) {
        return (sw & 0xFFF0) == 0x63C0;
    }

    /** 6Cxx: wrong Le, repeat with Le = xx. */
    public static boolean wrongLeStatus(int sw) {
        return (sw & 0xFF00) == 0x6C00;
    }

    /** 61xx: xx more bytes available with GET RESPONSE. */
    public static boolean moreDataStatus(int sw) {
        return (sw & 0xFF00) == 0x6100;
    }
}
