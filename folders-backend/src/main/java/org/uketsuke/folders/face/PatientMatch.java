package org.uketsuke.folders.face;

import java.util.List;
import org.uketsuke.bridge.store.JdbcRececonStore.StoredInsurance;
import org.uketsuke.eligibility.InsuranceComparison;

/**
 * Whom an imported result belongs to among the patients the レセコン store knows (docs/spec-notes/face-files.md#matching
 * a-result-to-a-patient): one patient, a candidate the staff confirm, several, nobody known yet (a first visit), or no
 * answer because the store could not be read. The store has no patient numbers: a patient is their insurance rows.
 */
public sealed interface PatientMatch {

    /** How a patient was found. */
    enum By {
        /** The 照会番号 the clinic registered for them. */
        REFERENCE_NUMBER,
        /** 保険者番号 + 記号 + 番号 + 枝番 and the birth date, as a レセコン looks a patient up. */
        INSURANCE
    }

    /** A stored insurance of the patient and how the confirmed one differs from it (保険情報の照合). */
    record Compared(StoredInsurance stored, List<InsuranceComparison.Difference> differences) {
        public Compared {
            differences = List.copyOf(differences);
        }
    }

    /**
     * One patient.
     *
     * @param patient their stored insurance row that identified them
     * @param changes how the confirmed insurance differs from that row (a new 負担割合, 本人/家族); empty when it is the same
     * @param outdated their other stored insurances, which the confirmed one replaces (a change of job)
     */
    record Matched(
            By by, StoredInsurance patient, List<InsuranceComparison.Difference> changes, List<Compared> outdated)
            implements PatientMatch {
        public Matched {
            changes = List.copyOf(changes);
            outdated = List.copyOf(outdated);
        }
    }

    /**
     * Nobody with this insurance card, but a patient with the same kana name and birth date: most likely the same
     * person with a new insurance. The staff confirm; each of their stored insurances comes with its differences.
     */
    record Candidate(List<Compared> insurances) implements PatientMatch {
        public Candidate {
            insurances = List.copyOf(insurances);
        }
    }

    /**
     * Several patients fit (or the card fits a patient of another name: twins on a family card without 枝番): the
     * staff choose before the confirmation is attached to anybody.
     */
    record Ambiguous(List<StoredInsurance> patients) implements PatientMatch {
        public Ambiguous {
            patients = List.copyOf(patients);
        }
    }

    /** No known patient fits: a first visit. */
    record Unknown() implements PatientMatch {}

    /** The store could not be asked (none configured, or the database does not answer). */
    record Unavailable(String detail) implements PatientMatch {}
}
