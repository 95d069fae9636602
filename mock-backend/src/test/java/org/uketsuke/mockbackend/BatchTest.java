package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/** 一括照会 over real mTLS: upload, poll the reception number, one answer per patient in order. */
class BatchTest {

    @TempDir
    Path state;

    @Test
    void aBatchOfBookedPatientsIsAnsweredInOrderByReceptionNumber() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 5L, 60))) {
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
            List<InsuranceSearch> booked = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Qualification q = backend.person(i);
                booked.add(new InsuranceSearch(q.card(), q.birthdate(), false, "booking-" + i));
            }
            Qualification unknown = backend.person(51);
            booked.add(new InsuranceSearch(unknown.card(), unknown.birthdate().minusDays(1), false, "booking-wrong"));

            String reception = TestCards.submit(client, booked);
            assertThat(reception).startsWith("R");
            BatchStatus status;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            do {
                status = client.batchStatus(reception);
                Thread.sleep(20);
            } while (status instanceof BatchStatus.Processing && System.nanoTime() < deadline);

            assertThat(status).isInstanceOf(BatchStatus.Done.class);
            var results = ((BatchStatus.Done) status).results();
            assertThat(results).hasSize(51);
            for (int i = 0; i < 50; i++) {
                assertThat(results.get(i).search().arbitraryIdentifier()).isEqualTo("booking-" + i);
                Qualification expected = backend.person(i);
                if (i == PopulationGenerator.REGISTRATION_LAG) {
                    assertThat(results.get(i).outcome())
                            .as("the new insurance the insurer has not registered yet")
                            .isInstanceOfSatisfying(
                                    ConfirmationOutcome.Rejected.class,
                                    r -> assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION));
                    continue;
                }
                assertThat(results.get(i).outcome())
                        .isInstanceOfSatisfying(
                                ConfirmationOutcome.Confirmed.class,
                                c -> assertThat(c.qualification().card()).isEqualTo(expected.card()));
            }
            assertThat(results.get(50).outcome())
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION));
            assertThat(client.batchStatus("R000000000000")).isInstanceOf(BatchStatus.Failed.class);
        }
    }
}
