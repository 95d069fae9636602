package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/** 照会番号 registration, single and batch, and the results that carry the number — per institution. */
class ReferenceNumberTest {

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 19L, 40));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static ReferenceRegistration registration(int person, String number) {
        Qualification q = backend.person(person);
        return new ReferenceRegistration(q.card(), q.birthdate(), new ReferenceNumber(number));
    }

    @Test
    void aRegisteredNumberComesBackWithLaterCardAndInsuranceConfirmations() throws Exception {
        IssuedCard card = backend.issueCard(20);
        assertThat(((ConfirmationOutcome.Confirmed) TestCards.confirmWithPin(client, card))
                        .qualification()
                        .referenceNumber())
                .as("nothing registered yet")
                .isEmpty();

        assertThat(client.registerReferenceNumbers(List.of(registration(20, "K-000020"))))
                .singleElement()
                .isInstanceOf(RegistrationOutcome.Registered.class);

        assertThat(((ConfirmationOutcome.Confirmed) TestCards.confirmWithPin(client, card))
                        .qualification()
                        .referenceNumber())
                .contains(new ReferenceNumber("K-000020"));
        Qualification q = backend.person(20);
        assertThat(client.confirmByInsurance(new InsuranceSearch(q.card(), q.birthdate(), false, "by-number")))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Confirmed.class,
                        c -> assertThat(c.qualification().referenceNumber()).contains(new ReferenceNumber("K-000020")));
    }

    @Test
    void anotherInstitutionDoesNotSeeOurNumber() throws Exception {
        client.registerReferenceNumbers(List.of(registration(21, "K-000021")));
        HttpsEligibilityClient otherClinic = new HttpsEligibilityClient(
                backend.baseUri(), backend.issueTerminal("1317770001"), Duration.ofSeconds(10));
        assertThat(((ConfirmationOutcome.Confirmed) TestCards.confirmWithPin(otherClinic, backend.issueCard(21)))
                        .qualification()
                        .referenceNumber())
                .isEmpty();
    }

    @Test
    void aBatchRegistrationAnswersEachEntryInOrderAndTheBatchPreCheckCarriesTheNumbers() throws Exception {
        Qualification unknown = backend.person(24);
        List<RegistrationOutcome> outcomes = client.registerReferenceNumbers(List.of(
                registration(22, "K-000022"),
                new ReferenceRegistration(unknown.card(), unknown.birthdate().minusDays(3), new ReferenceNumber("K-X")),
                registration(23, "K-000023")));
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isInstanceOf(RegistrationOutcome.Registered.class);
        assertThat(outcomes.get(1))
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION));
        assertThat(outcomes.get(2)).isInstanceOf(RegistrationOutcome.Registered.class);
        assertThat(client.registerReferenceNumbers(List.of(registration(22, "K-000022")))
                        .getFirst())
                .as("the same number again")
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Registered.class,
                        r -> assertThat(r.alreadyRegistered()).isTrue());

        List<InsuranceSearch> booked = List.of(22, 23, 25).stream()
                .map(backend::person)
                .map(q -> new InsuranceSearch(q.card(), q.birthdate(), false, "b"))
                .toList();
        String reception = TestCards.submit(client, booked);
        BatchStatus status;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            status = client.batchStatus(reception);
            Thread.sleep(20);
        } while (status instanceof BatchStatus.Processing && System.nanoTime() < deadline);
        var results = ((BatchStatus.Done) status).results();
        assertThat(results)
                .extracting(r -> ((ConfirmationOutcome.Confirmed) r.outcome())
                        .qualification()
                        .referenceNumber())
                .containsExactly(
                        Optional.of(new ReferenceNumber("K-000022")),
                        Optional.of(new ReferenceNumber("K-000023")),
                        Optional.empty());
    }

    @Test
    void aNewNumberReplacesTheOldOne() throws Exception {
        client.registerReferenceNumbers(List.of(registration(26, "OLD1")));
        client.registerReferenceNumbers(List.of(registration(26, "NEW2")));
        assertThat(((ConfirmationOutcome.Confirmed) TestCards.confirmWithPin(client, backend.issueCard(26)))
                        .qualification()
                        .referenceNumber())
                .contains(new ReferenceNumber("NEW2"));
    }
}
