package org.uketsuke.app.flow;

/**
 * The prescription form the patient chose at the kiosk (処方箋発行形態): electronic (電子処方箋) or paper, or not asked
 * because the clinic does not issue e-prescriptions. Travels with the confirmation as {@code PrescriptionIssueSelect}.
 */
public enum PrescriptionChoice {
    ELECTRONIC, PAPER, NOT_ASKED
}
