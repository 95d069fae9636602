package org.uketsuke.eligibility;

/**
 * What the patient still pays under a subsidy, as far as public pages state it (docs/spec-notes/pmh.md#copay): a fixed
 * amount per visit (e.g. 200 yen per visit in some 子ども医療 programmes) and a monthly cap (the 自己負担上限額 of 指定難病
 * and 小児慢性). Null means the programme sets none (the whole 自己負担 is paid by the municipality).
 */
public record SubsidyCopay(
        @Nullable Integer perVisitYen, @Nullable Integer monthlyCapYen) {

    public static final SubsidyCopay NONE = new SubsidyCopay(null, null);

    public SubsidyCopay {
        if ((perVisitYen != null && perVisitYen < 0) || (monthlyCapYen != null && monthlyCapYen < 0)) {
            throw new InvalidValueException("MedicalSubsidySelfPay", "must not be negative");
        }
    }

    /** Whether the patient pays nothing under this subsidy. */
    public boolean free() {
        return (perVisitYen == null || perVisitYen == 0) && (monthlyCapYen == null || monthlyCapYen == 0);
    }
}
