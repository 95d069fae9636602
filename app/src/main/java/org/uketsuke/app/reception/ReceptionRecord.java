package org.uketsuke.app.reception;

import java.time.Instant;
import java.util.Optional;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.folders.face.FaceFolderImporter;
import org.uketsuke.folders.face.PatientMatch;

/**
 * One row of the staff console's reception history: a confirmation, or the reason there was none.
 *
 * @param qualification the whole confirmed qualification (the console shows the insurance; the consistency check and
 *     the search use the rest; never shown to the patient)
 * @param certificate the card's certificate expiry, where it expires soon or is in its grace (the staff tell the
 *     patient to renew it)
 * @param assistance who helped the patient prove they hold the card (a companion typing the PIN, the staff's check)
 * @param patient for a result imported from the 連携アプリ's {@code face} folder: whom it was matched to among the
 *     レセコン store's patients, with the 保険情報の照合 (docs/decisions/0017-imported-patients.md)
 */
public record ReceptionRecord(
        Instant at,
        Optional<Qualification> qualification,
        Optional<Problem> problem,
        Optional<IdentityMethod> method,
        Optional<CertificateExpiry> certificate,
        Optional<Assistance> assistance,
        Optional<PatientMatch> patient) {

    public ReceptionRecord(
            Instant at,
            Optional<Qualification> qualification,
            Optional<Problem> problem,
            Optional<IdentityMethod> method,
            Optional<CertificateExpiry> certificate,
            Optional<Assistance> assistance) {
        this(at, qualification, problem, method, certificate, assistance, Optional.empty());
    }

    public ReceptionRecord(
            Instant at,
            Optional<Qualification> qualification,
            Optional<Problem> problem,
            Optional<IdentityMethod> method) {
        this(at, qualification, problem, method, Optional.empty(), Optional.empty());
    }

    public static ReceptionRecord confirmed(Instant at, Qualification confirmed) {
        return new ReceptionRecord(at, Optional.of(confirmed), Optional.empty(), Optional.empty());
    }

    /**
     * The row of a result imported from the 連携アプリ's {@code face} folder: confirmed, by the method the file tells, with
     * the stored patient it was matched to.
     */
    public static ReceptionRecord imported(FaceFolderImporter.Imported imported) {
        return confirmed(
                        imported.confirmation().confirmedAt(),
                        imported.confirmation().result().qualification())
                .withMethod(imported.confirmation().method())
                .withPatient(imported.match());
    }

    public static ReceptionRecord failed(Instant at, Problem problem) {
        return new ReceptionRecord(at, Optional.empty(), Optional.of(problem), Optional.empty());
    }

    /** The same row, saying how the patient proved they hold the card (the staff queue filters on it). */
    public ReceptionRecord withMethod(IdentityMethod how) {
        return new ReceptionRecord(at, qualification, problem, Optional.of(how), certificate, assistance, patient);
    }

    public ReceptionRecord withCertificate(Optional<CertificateExpiry> expiry) {
        return new ReceptionRecord(at, qualification, problem, method, expiry, assistance, patient);
    }

    /** The same row, saying who helped the patient (介助者 / 代理人), if anyone did. */
    public ReceptionRecord withAssistance(Optional<Assistance> helped) {
        return new ReceptionRecord(at, qualification, problem, method, certificate, helped, patient);
    }

    /** The same row, saying whom the imported result was matched to among the stored patients. */
    public ReceptionRecord withPatient(PatientMatch match) {
        return new ReceptionRecord(at, qualification, problem, method, certificate, assistance, Optional.of(match));
    }
}
