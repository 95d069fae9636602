package org.uketsuke.eligibility;

/**
 * 処方箋発行形態 ({@code PrescriptionIssueSelect}): the form of prescription the patient chose at the reader when the
 * clinic issues e-prescriptions — 1 electronic (電子処方箋), 2 paper (紙の処方箋).
 */
public enum PrescriptionForm implements WireCode {
    ELECTRONIC("1"),
    PAPER("2");

    private final String code;

    PrescriptionForm(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static PrescriptionForm ofCode(String code) {
        return WireCode.of(PrescriptionForm.class, code, "PrescriptionIssueSelect");
    }
}
