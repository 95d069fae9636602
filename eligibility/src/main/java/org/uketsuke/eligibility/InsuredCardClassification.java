package org.uketsuke.eligibility;

import java.util.List;
import java.util.regex.Pattern;

/**
 * 被保険者証区分 (OQSCD010, docs/spec-notes/eligibility.md#codes): 01 被保険者証(一般), 02 (退職), 03 短期(一般), 04 短期(退職),
 * 05 被保険者資格証明書, 06 特例退職, 07 自衛官診療証, A1 医療扶助. A code outside the list is kept as sent (the
 * system adds codes; a レセコン reads it unchanged).
 */
public record InsuredCardClassification(String code) {

    /** Compiled once: every result read or built makes one of these (String.matches compiled it each time); before the
     * constants below, which use it. */
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{2}");

    /** The codes of the table, in order. */
    public static final List<String> KNOWN = List.of("01", "02", "03", "04", "05", "06", "07", "A1");

    public static final InsuredCardClassification GENERAL = new InsuredCardClassification("01");

    public static final InsuredCardClassification MEDICAL_AID = new InsuredCardClassification("A1");

    public InsuredCardClassification {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidValueException("InsuredCardClassification", "two letters or digits expected: " + code);
        }
    }

    /** 医療扶助 (生活保護): the result lists 医療券/調剤券 instead of an insurance card. */
    public boolean medicalAid() {
        return equals(MEDICAL_AID);
    }
}
