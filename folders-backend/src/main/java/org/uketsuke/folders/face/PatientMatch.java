package org.uketsuke.folders.face;

import java.util.List;

/**
 * Whom an imported result belongs to among the clinic's patients: one patient, several (staff must choose: the same
 * kana, birth date and insurance can be twins on a family card without 枝番), or nobody known yet (a first visit).
 */
public sealed interface PatientMatch {

    /** One patient, found by 照会番号 or by kana name, birth date and insurance. */
    record Matched(String patientId, boolean byReferenceNumber) implements PatientMatch {}

    /** Several patients fit: the staff console asks which one before the confirmation is attached to anybody. */
    record Ambiguous(List<String> patientIds) implements PatientMatch {
        public Ambiguous {
            patientIds = List.copyOf(patientIds);
        }
    }

    /** No known patient fits. */
    record Unknown() implements PatientMatch {}
}
