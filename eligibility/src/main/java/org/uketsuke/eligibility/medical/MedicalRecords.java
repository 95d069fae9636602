package org.uketsuke.eligibility.medical;

import java.util.List;

/** The records of one category, newest first as the backend sends them. Sealed: one type per category. */
public sealed interface MedicalRecords {

    MedicalCategory category();

    int size();

    record Drugs(List<DispensedDrug> drugs) implements MedicalRecords {
        public Drugs {
            drugs = List.copyOf(drugs);
        }

        @Override
        public MedicalCategory category() {
            return MedicalCategory.DRUG;
        }

        @Override
        public int size() {
            return drugs.size();
        }
    }

    record Checkups(List<CheckupResult> checkups) implements MedicalRecords {
        public Checkups {
            checkups = List.copyOf(checkups);
        }

        @Override
        public MedicalCategory category() {
            return MedicalCategory.CHECKUP;
        }

        @Override
        public int size() {
            return checkups.size();
        }
    }

    record Diagnoses(List<Diagnosis> diagnoses) implements MedicalRecords {
        public Diagnoses {
            diagnoses = List.copyOf(diagnoses);
        }

        @Override
        public MedicalCategory category() {
            return MedicalCategory.TREATMENT;
        }

        @Override
        public int size() {
            return diagnoses.size();
        }
    }

    record Operations(List<Operation> operations) implements MedicalRecords {
        public Operations {
            operations = List.copyOf(operations);
        }

        @Override
        public MedicalCategory category() {
            return MedicalCategory.OPERATION;
        }

        @Override
        public int size() {
            return operations.size();
        }
    }
}
