package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/** People who changed insurance (two insurances, the old one ended) and qualifications that start in the future. */
class InsuranceSwitchTest {

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 37L, 70));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theEndedInsuranceAnswersThatANewerOneExistsAndTheNewOneConfirms() {
        int person = PopulationGenerator.SWITCH_FIRST;
        Qualification now = backend.person(person);
        InsuranceCardId ended = backend.endedInsurance(person).orElseThrow();
        assertThat(ended.insurer()).isNotEqualTo(now.card().insurer());

        ConfirmationOutcome old = client.confirmByInsurance(new InsuranceSearch(ended, now.birthdate(), false, "old"));
        assertThat(old).isInstanceOfSatisfying(ConfirmationOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.QUALIFICATION_LOST);
            assertThat(r.message()).contains("新しい資格");
        });
        assertThat(client.confirmByInsurance(new InsuranceSearch(now.card(), now.birthdate(), false, "new")))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Confirmed.class,
                        c -> assertThat(c.qualification().card()).isEqualTo(now.card()));
        assertThat(TestCards.confirmWithPin(client, backend.issueCard(person)))
                .as("the card finds the current insurance")
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Confirmed.class,
                        c -> assertThat(c.qualification().qualificationDate()).isEqualTo(now.qualificationDate()));
        assertThat(backend.endedInsurance(0)).isEmpty();
    }

    @Test
    void aQualificationThatStartsInTheFutureIsNoQualificationYet() {
        int person = PopulationGenerator.FUTURE_FIRST;
        Qualification future = backend.person(person);
        assertThat(future.qualificationDate()).isAfter(LocalDate.now());
        assertThat(TestCards.reason(TestCards.confirmWithPin(client, backend.issueCard(person))))
                .isEqualTo(RejectionReason.NO_QUALIFICATION);
        ConfirmationOutcome byNumber =
                client.confirmByInsurance(new InsuranceSearch(future.card(), future.birthdate(), false, "future"));
        assertThat(byNumber).isInstanceOfSatisfying(ConfirmationOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION);
            assertThat(r.message()).contains(future.qualificationDate().toString());
        });
    }
}
