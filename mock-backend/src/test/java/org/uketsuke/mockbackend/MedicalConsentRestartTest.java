package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPatient;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;

/**
 * A consent is the patient's, not the server process's: given before a backend restart, it still opens the drug
 * history after it (real mTLS both times, the same state folder), and it still closes when its window ends.
 */
class MedicalConsentRestartTest {

    @TempDir
    Path state;

    @Test
    void aConsentOutlivesARestartOfTheBackendAndStillExpires() throws Exception {
        SettableClock clock = new SettableClock(todayAtTenJst());
        int person;
        Instant confirmedAt = clock.instant();
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 11L, 30), clock)) {
            person = IntStream.range(0, backend.people())
                    .filter(i -> backend.medicalHistory(i, MedicalCategory.DRUG).size() > 0)
                    .findFirst()
                    .orElseThrow();
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
            IssuedCard card = backend.issueCard(person);
            byte[] nonce = TestCards.nonce(client);
            Consents drugOnly = new Consents(Consent.YES, Consent.NO, Consent.NO, Consent.NO, Consent.NO, Consent.NO);
            assertThat(client.confirmByCard(new CardConfirmationRequest(
                            card.authCertDer(),
                            nonce,
                            TestCards.signStatement(
                                    card.authKey(), client, nonce, drugOnly, PrescriptionForm.ELECTRONIC),
                            IdentityMethod.PIN,
                            drugOnly,
                            "restart-1",
                            null,
                            PrescriptionForm.ELECTRONIC,
                            ConsentScenario.OUTPATIENT)))
                    .isInstanceOf(ConfirmationOutcome.Confirmed.class);
        }
        clock.advance(Duration.ofHours(3));
        try (MockBackend again = MockBackend.start(new MockBackendConfig(state, 0, 11L, 30), clock)) {
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(again.baseUri(), again.terminalTls(), Duration.ofSeconds(10));
            MedicalQuery drugs = MedicalQuery.all(again.person(person).card(), MedicalCategory.DRUG);
            assertThat(client.medicalRecords(drugs))
                    .isEqualTo(new MedicalOutcome.Found<>(
                            again.medicalHistory(person, MedicalCategory.DRUG),
                            confirmedAt.plus(Duration.ofHours(24)),
                            MedicalPatient.of(again.person(person))));
            MedicalOutcome<MedicalRecords> checkups =
                    client.medicalRecords(MedicalQuery.all(again.person(person).card(), MedicalCategory.CHECKUP));
            assertThat(checkups).isEqualTo(new MedicalOutcome.NoConsent<>(MedicalCategory.CHECKUP, Consent.NO));

            clock.advance(Duration.ofHours(21));
            assertThat(client.medicalRecords(drugs))
                    .isEqualTo(new MedicalOutcome.ConsentExpired<>(
                            MedicalCategory.DRUG, confirmedAt.plus(Duration.ofHours(24))));
        }
    }

    /**
     * 10:00 JST today by the real clock: the test PKI issues its certificates from the real time (one day back), so
     * a backend clock fixed at a past date would find every terminal certificate not yet valid.
     */
    private static Instant todayAtTenJst() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(1));
    }
}
