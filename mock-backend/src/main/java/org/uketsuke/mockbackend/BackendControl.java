package org.uketsuke.mockbackend;

import java.time.Clock;
import java.util.Optional;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalRecords;

/**
 * What tests, the soak and the demo do to the backend from outside the protocol: inject faults, read its clock and its
 * request counts, look at and change the population (資格喪失), and see what a confirmation recorded.
 */
public final class BackendControl {

    private final FaultInjector faults;
    private final BackendServer server;
    private final PopulationStore population;
    private final MedicalConsents consents;
    private final MedicalInformation medical;
    private final Clock clock;
    private final SentResults sent;

    BackendControl(
            FaultInjector faults,
            BackendServer server,
            PopulationStore population,
            MedicalConsents consents,
            MedicalInformation medical,
            Clock clock,
            SentResults sent) {
        this.sent = sent;
        this.faults = faults;
        this.server = server;
        this.population = population;
        this.consents = consents;
        this.medical = medical;
        this.clock = clock;
    }

    /**
     * Injects a fault into the next {@code times} answers of the confirmations, the batch status and the medical
     * information ({@code Integer.MAX_VALUE}: until cleared with {@link Fault.None}).
     */
    public void injectFault(Fault fault, int times) {
        faults.inject(fault, times);
    }

    /** How many requests reached this endpoint path (e.g. {@code /oqs/v1/batch/status}), faults included. */
    public int requests(String path) {
        return server.requests(path);
    }

    /** The backend's clock: what nonces, passcodes, consents and certificate validity are checked against. */
    public Clock clock() {
        return clock;
    }

    public int people() {
        return population.size();
    }

    /** A generated person's qualification as the population holds it. */
    public Qualification person(int index) {
        return population.person(index).orElseThrow(() -> new IllegalArgumentException("no person " + index));
    }

    /**
     * Adds a person whose whole qualification is given (every block and particular) instead of generated from the
     * seed: a card issued to them confirms with exactly these values, the 照会番号 the institution registered and the
     * consents the patient gave at the card aside.
     *
     * @return the person's index, for {@link MockBackend#issueCard} and the other per-person calls
     */
    public int enrol(Qualification qualification) {
        return population.enrol(qualification);
    }

    /**
     * The bytes of the confirmation answer this backend sent for a request's ArbitraryFileIdentifier (the last one,
     * among the latest {@value SentResults#KEPT}): what a terminal's result file must equal.
     */
    public Optional<byte[]> sentResult(String arbitraryFileIdentifier) {
        return sent.of(arbitraryFileIdentifier);
    }

    /** Ends a person's qualification (資格喪失). */
    public void loseQualification(int personIndex) {
        population.loseQualification(personIndex);
    }

    /**
     * The insurer's registration of the person's insurance reaches the system (after a lag of days to about two
     * weeks): a person marked lost is qualified again, as a re-confirmed visit finds on a later day.
     */
    public void reflectRegistration(int personIndex) {
        population.reflectRegistration(personIndex);
    }

    /** The insurance this person had before a switch (資格の切替), ended the day before the current one began. */
    public Optional<InsuranceCardId> endedInsurance(int personIndex) {
        return population.previousInsurance(personIndex).map(PreviousInsurance::card);
    }

    /** The generated history of a person as it stands today, consent aside. */
    public MedicalRecords medicalHistory(int personIndex, MedicalCategory category) {
        return medical.history(personIndex, category);
    }

    /** The prescription form the person chose at their last card confirmation at this institution, if asked. */
    public Optional<PrescriptionForm> prescriptionForm(String institution, int personIndex) {
        return consents.prescriptionForm(institution, personIndex);
    }

    /** The prescription form of the person's last card confirmation at any institution, if it was asked. */
    public Optional<PrescriptionForm> lastPrescriptionForm(int personIndex) {
        return consents.lastPrescriptionForm(personIndex);
    }
}
