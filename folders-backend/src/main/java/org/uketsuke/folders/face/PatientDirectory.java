package org.uketsuke.folders.face;

import java.util.List;
import org.uketsuke.eligibility.Qualification;

/**
 * The clinic's patients as the importer may look them up (the レセコン's patient list or the booked patients): by the
 * 照会番号 the clinic registered, else by kana name, birth date and insurance card.
 */
public interface PatientDirectory {

    /** A directory that knows nobody: every result is {@link PatientMatch.Unknown}. */
    PatientDirectory NONE = new PatientDirectory() {
        @Override
        public List<String> byReferenceNumber(String referenceNumber) {
            return List.of();
        }

        @Override
        public List<String> byPerson(Qualification qualification) {
            return List.of();
        }
    };

    List<String> byReferenceNumber(String referenceNumber);

    /** Patients with this kana name (spaces and width ignored), birth date and insurer, number and 枝番. */
    List<String> byPerson(Qualification qualification);

    /** 照会番号 first; kana + birth date + insurance only when the number is absent or unknown. */
    default PatientMatch match(Qualification qualification) {
        if (qualification.referenceNumber().isPresent()) {
            List<String> byNumber =
                    byReferenceNumber(qualification.referenceNumber().get().value());
            if (byNumber.size() == 1) {
                return new PatientMatch.Matched(byNumber.getFirst(), true);
            }
            if (byNumber.size() > 1) {
                return new PatientMatch.Ambiguous(byNumber);
            }
        }
        List<String> byPerson = byPerson(qualification);
        return switch (byPerson.size()) {
            case 0 -> new PatientMatch.Unknown();
            case 1 -> new PatientMatch.Matched(byPerson.getFirst(), false);
            default -> new PatientMatch.Ambiguous(byPerson);
        };
    }
}
