package org.uketsuke.eligibility;

import java.util.regex.Pattern;

/**
 * 照会番号 ({@code ReferenceNumber}, OQS-IF-003/004 and 009–012): the medical institution's own number for a patient
 * (typically the カルテ番号), registered once against the patient's insurance; later results for that institution
 * carry it, so a レセコン can match them without comparing names. 1–20 half-width letters, digits or '-', after
 * NFKC normalisation (the official maximum length is not public here).
 */
public record ReferenceNumber(String value) {

    private static final Pattern FORM = Pattern.compile("[0-9A-Za-z-]{1,20}");

    public ReferenceNumber {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidValueException("ReferenceNumber", "1–20 half-width letters, digits or '-'");
        }
    }

    /** From what a receptionist typed: full-width digits and dash look-alikes are folded first. */
    public static ReferenceNumber of(String typed) {
        return new ReferenceNumber(Text.normalise(typed == null ? "" : typed));
    }
}
