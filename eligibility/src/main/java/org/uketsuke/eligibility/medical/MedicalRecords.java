package org.uketsuke.eligibility.medical;

import java.util.List;

/** The records of one category, newest first as the backend sends them. Sealed: one type per category. */
public sealed interface MedicalRecords {

    default MedicalCategory category() {
        return switch (this) {
            case Drugs _ -> MedicalCategory.DRUG;
            case Checkups _ -> MedicalCategory.CHECKUP;
            case Diagnoses _ -> MedicalCategory.TREATMENT;
            case Operations _ -> MedicalCategory.OPERATION;
        };
    }

    default int size() {
        return switch (this) {
            case Drugs d -> d.drugs().size() + d.treatments().size();
            case Checkups c -> c.checkups().size();
            case Diagnoses d -> d.diagnoses().size();
            case Operations o -> o.operations().size();
        };
    }

    /**
     * Dispensed drugs and, when the query asked for them ({@link MedicalQuery#withTreatments()}), the acts of care of
     * the same claims (薬剤+診療, FileCategory 03/04).
     */
    record Drugs(List<DispensedDrug> drugs, List<TreatmentAct> treatments) implements MedicalRecords {
        public Drugs {
            drugs = List.copyOf(drugs);
            treatments = List.copyOf(treatments);
        }

        public Drugs(List<DispensedDrug> drugs) {
            this(drugs, List.of());
        }
    }

    record Checkups(List<CheckupResult> checkups) implements MedicalRecords {
        public Checkups {
            checkups = List.copyOf(checkups);
        }
    }

    record Diagnoses(List<Diagnosis> diagnoses) implements MedicalRecords {
        public Diagnoses {
            diagnoses = List.copyOf(diagnoses);
        }
    }

    record Operations(List<Operation> operations) implements MedicalRecords {
        public Operations {
            operations = List.copyOf(operations);
        }
    }
}
